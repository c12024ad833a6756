import type { RequestEvent } from '@sveltejs/kit';
import { tenantPortal, type Lang, type TenantPortal } from '@termin/contracts';
import { kit, tenantSlug } from './kit';

type Event = Pick<RequestEvent, 'fetch' | 'getClientAddress' | 'locals'>;

// Branding and legal texts change a few times a year: every page needs them, so one answer serves
// the pages of a minute (the API caches as long).
const TTL_MS = 60_000;
let cached: { at: number; slug: string; portal: TenantPortal } | null = null;

/** The municipality's branding and legal texts, or null when the API cannot say (pages still work without). */
export async function loadPortal(event: Event): Promise<TenantPortal | null> {
  const slug = tenantSlug();
  if (cached && cached.slug === slug && Date.now() - cached.at < TTL_MS) return cached.portal;
  const result = await kit.api(event).get(`/api/v1/tenants/${encodeURIComponent(slug)}/portal`, tenantPortal);
  if (!result.ok) return cached?.slug === slug ? cached.portal : null;
  cached = { at: Date.now(), slug, portal: result.data };
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
