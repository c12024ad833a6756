import { languageHandle } from '@termin/ui/server';

export const handle = languageHandle;
