import type { AvailabilityDays, AvailabilitySlots, BookableStart } from '@termin/contracts';
import type { Lang } from '@termin/ui/i18n';
import { callApi, tenantSlug } from './api';
import { addDays, localToday } from './choice';

const DAYS_SHOWN = 28;

/** A `?date=` worth asking the API about, or null. */
export function validDate(date: string | null): string | null {
  return date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null;
}

/**
 * Free days of the next four weeks and, once a day is chosen, its free start times: what the
 * booking flow and rescheduling both offer.
 */
export async function loadAvailability(
  fetch: typeof globalThis.fetch,
  lang: Lang,
  choice: { locationId: string; serviceId: string; timezone: string; date: string | null },
): Promise<{ days: string[]; slots: BookableStart[]; problem: string | null }> {
  const from = localToday(choice.timezone);
  const query = `serviceId=${encodeURIComponent(choice.serviceId)}`;
  const base = `/api/v1/tenants/${tenantSlug()}/locations/${encodeURIComponent(choice.locationId)}/availability`;
  const days = await callApi<AvailabilityDays>(fetch, lang, `${base}/days?${query}&from=${from}&to=${addDays(from, DAYS_SHOWN - 1)}`);
  const slots = choice.date ? await callApi<AvailabilitySlots>(fetch, lang, `${base}/slots?${query}&date=${choice.date}`) : null;
  return {
    days: days.ok ? days.data.days : [],
    slots: slots?.ok ? slots.data.slots : [],
    problem: days.ok ? (slots && !slots.ok ? slots.error.message : null) : days.error.message,
  };
}
