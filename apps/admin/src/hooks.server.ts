import type { Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { forwardClientAddress, languageHandle } from '@termin/ui/server';
import { apiBaseUrl } from '$lib/server/config';
import { createAuthGuard } from '@termin/web-auth';
import { allowedRoles, webAuth } from '$lib/server/auth';

export const handle: Handle = sequence(languageHandle, createAuthGuard(webAuth, { roles: allowedRoles }));
export const handleFetch = forwardClientAddress(apiBaseUrl);
