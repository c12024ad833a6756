import { forwardClientAddress, languageHandle } from '@termin/ui/server';
import { apiBaseUrl } from '$lib/server/config';

export const handle = languageHandle;
export const handleFetch = forwardClientAddress(apiBaseUrl);
