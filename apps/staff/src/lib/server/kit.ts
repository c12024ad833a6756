import { env } from '$env/dynamic/private';
import { env as publicEnv } from '$env/dynamic/public';
import { createWebKit } from '@termin/web-kit';

export const kit = createWebKit(() => ({ ...publicEnv, ...env }), {
  defaultAppUrl: 'http://localhost:3001',
  // Clerks, admins, and the kiosk and display devices.
  signIn: { clientId: 'termin-staff', cookiePrefix: 'staff', roles: ['staff', 'admin', 'kiosk', 'display'] },
  // The kiosk reads QR codes with the device's camera; no other page may use it.
  cameraPaths: ['/kiosk/'],
  liveSocket: true,
});

export const { login, logout, callback } = kit.signInRoutes;
