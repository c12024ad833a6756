import { env } from '$env/dynamic/private';
import { env as publicEnv } from '$env/dynamic/public';
import { createWebKit } from '@termin/web-kit';

export const kit = createWebKit(() => ({ ...publicEnv, ...env }), {
  defaultAppUrl: 'http://localhost:3000',
  unavailableMessage: 'book.unavailable',
});

/** The municipality this portal serves. */
export const tenantSlug = () => kit.settings().tenantSlug;
