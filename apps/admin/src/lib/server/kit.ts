import { env } from '$env/dynamic/private';
import { env as publicEnv } from '$env/dynamic/public';
import { createWebKit } from '@termin/web-kit';

export const kit = createWebKit(() => ({ ...publicEnv, ...env }), {
  defaultAppUrl: 'http://localhost:3002',
  // Administrators configure their municipality; the platform's operator adds municipalities.
  signIn: { clientId: 'termin-admin', cookiePrefix: 'admin', roles: ['admin', 'platform-admin'] },
});

export const { login, logout, callback } = kit.signInRoutes;
