import type { Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { languageHandle } from '@termin/ui/server';
import { createAuthGuard } from '@termin/web-auth';
import { allowedRoles, webAuth } from '$lib/server/auth';

export const handle: Handle = sequence(languageHandle, createAuthGuard(webAuth, { roles: allowedRoles }));
