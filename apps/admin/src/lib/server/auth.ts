import { env } from '$env/dynamic/private';
import { webAuthFromEnv } from '@termin/web-auth';

/** Only administrators configure locations, services and opening hours. */
export const allowedRoles = ['admin'] as const;

export const webAuth = webAuthFromEnv(env, { clientId: 'termin-admin', defaultAppUrl: 'http://localhost:3002', cookiePrefix: 'admin' });
