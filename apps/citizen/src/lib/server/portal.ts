import type { RequestEvent } from '@sveltejs/kit';
import { tenantPortal, type Lang, type TenantPortal } from '@termin/contracts';
import { kit, tenantOf } from './kit';

type Event = Pick<RequestEvent, 'fetch' | 'getClientAddress' | 'locals' | 'request'>;

// Branding and legal texts change a few times a year: every page needs them, so one answer serves
// the pages of a minute (the API caches as long).
const TTL_MS = 60_000;
const cached = new Map<string, { at: number; portal: TenantPortal }>();

/** The municipality's branding and legal texts, or null when the API cannot say (pages still work without). */
export async function loadPortal(event: Event): Promise<TenantPortal | null> {
  const slug = tenantOf(event);
  if (!slug) return null;
  const known = cached.get(slug);
  if (known && Date.now() - known.at < TTL_MS) return known.portal;
  const result = await kit.api(event).get(`/api/v1/tenants/${encodeURIComponent(slug)}/portal`, tenantPortal);
  if (!result.ok) return known?.portal ?? null;
  cached.set(slug, { at: Date.now(), portal: result.data });
  return result.data;
}

/** The logo on this origin (the page's cookies and policy stay simple): the API's address carries the version. */
export function logoOnThisOrigin(portal: TenantPortal | null): string | null {
  if (!portal?.logoUrl) return null;
  const version = new URL(portal.logoUrl, 'http://api.invalid').searchParams.get('v') ?? '0';
  return `/logo?v=${encodeURIComponent(version)}`;
}

export type LegalKind = 'imprint' | 'privacy' | 'accessibility';

/**
 * A legal text in the visitor's language where the municipality wrote one, else in German or
 * English: German readers get German first, everyone else English first.
 */
export function legalText(portal: TenantPortal | null, kind: LegalKind, lang: Lang): { lang: 'de' | 'en'; text: string } | null {
  const texts = portal?.legal[kind];
  if (!texts) return null;
  const order: ('de' | 'en')[] = lang === 'de' ? ['de', 'en'] : ['en', 'de'];
  for (const l of order) {
    const text = texts[l]?.trim();
    if (text) return { lang: l, text };
  }
  return null;
}
