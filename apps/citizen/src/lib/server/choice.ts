import { error } from '@sveltejs/kit';
import type { PublicLocation, PublicService } from '@termin/contracts';
import type { Lang } from '@termin/ui/i18n';
import { callApi, tenantSlug } from './api';

/** The office and service of a booking step, both checked against the API (404 for made-up ids). */
export async function loadChoice(fetch: typeof globalThis.fetch, lang: Lang, locationId: string, serviceId: string) {
  const base = `/api/v1/tenants/${tenantSlug()}/locations`;
  const [locations, services] = await Promise.all([
    callApi<PublicLocation[]>(fetch, lang, base),
    callApi<PublicService[]>(fetch, lang, `${base}/${locationId}/services`),
  ]);
  if (!locations.ok) error(locations.status, locations.error.message);
  if (!services.ok) error(services.status === 400 ? 404 : services.status, services.error.message);
  const location = locations.data.find((l) => l.id === locationId);
  const service = services.data.find((s) => s.id === serviceId);
  if (!location || !service) error(404, 'not found');
  return { location, service };
}

/** Today's date in the office's time zone, and the days after it, as YYYY-MM-DD. */
export function localToday(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
