import { env } from '$env/dynamic/private';
import { env as publicEnv } from '$env/dynamic/public';
import { error } from '@sveltejs/kit';
import { createWebKit } from '@termin/web-kit';
import { t } from '@termin/ui';
import type { Lang } from '@termin/contracts';

export const kit = createWebKit(() => ({ ...publicEnv, ...env }), {
  defaultAppUrl: 'http://localhost:3000',
  unavailableMessage: 'book.unavailable',
  needsTenant: true,
});

/**
 * The municipality this request's portal serves, from the host it was asked under (TENANT_HOSTS)
 * or DEFAULT_TENANT. The Host header, not X-Forwarded-Host: the proxy routes by it, and a host no
 * mapping names gets the default or nothing, so a client cannot choose another tenant with it.
 */
export function tenantSlug(event: { request: Request; locals: { lang: Lang } }): string {
  const slug = kit.settings().tenantFor(event.request.headers.get('host')?.split(':')[0] ?? null);
  if (!slug) error(404, t(event.locals.lang, 'citizen.noTenant'));
  return slug;
}
