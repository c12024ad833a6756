import { env } from '$env/dynamic/private';
import { webAuthFromEnv } from '@termin/web-auth';

/** Roles that may use the staff app: clerks, admins, and the kiosk and display devices. */
export const allowedRoles = ['staff', 'admin', 'kiosk', 'display'] as const;

export const webAuth = webAuthFromEnv(env, { clientId: 'termin-staff', defaultAppUrl: 'http://localhost:3001', cookiePrefix: 'staff' });
