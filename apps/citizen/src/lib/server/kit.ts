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
  // The check-in page follows its ticket over the API's socket; Plausible only where PLAUSIBLE_URL is set.
  liveSocket: true,
  analytics: true,
});

/** The API's live-queue socket as the browser reaches it (PUBLIC_API_URL). */
export function liveSocketUrl(): string {
  const url = new URL('/api/v1/queue/ws', kit.settings().publicApiUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

/** The Plausible script of this request's page (its site named after the host), or null without PLAUSIBLE_URL. */
export function analyticsScript(event: { request: Request }): { src: string; domain: string } | null {
  const analytics = kit.settings().analytics;
  if (!analytics) return null;
  return { src: `${analytics.origin}/js/script.js`, domain: analytics.domainFor(event.request.headers.get('host')?.split(':')[0] ?? null) };
}

/**
 * The municipality this request's portal serves, from the host it was asked under (TENANT_HOSTS)
 * or DEFAULT_TENANT. The Host header, not X-Forwarded-Host: the proxy routes by it, and a host no
 * mapping names gets the default or nothing, so a client cannot choose another tenant with it.
 */
export function tenantSlug(event: { request: Request; locals: { lang: Lang } }): string {
  const slug = tenantOf(event);
  if (!slug) error(404, t(event.locals.lang, 'citizen.noTenant'));
  return slug;
}

/** The same, or null where no municipality is configured for the host (the layout still renders). */
export function tenantOf(event: { request: Request }): string | null {
  return kit.settings().tenantFor(event.request.headers.get('host')?.split(':')[0] ?? null);
}
