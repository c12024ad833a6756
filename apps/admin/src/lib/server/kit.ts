import { env } from '$env/dynamic/private';
import { env as publicEnv } from '$env/dynamic/public';
import { createWebKit } from '@termin/web-kit';

export const kit = createWebKit(() => ({ ...publicEnv, ...env }), {
  defaultAppUrl: 'http://localhost:3002',
  // Only administrators configure locations, services and opening hours.
  signIn: { clientId: 'termin-admin', cookiePrefix: 'admin', roles: ['admin'] },
});

export const { login, logout, callback } = kit.signInRoutes;
