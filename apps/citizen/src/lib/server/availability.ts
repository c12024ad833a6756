import type { RequestEvent } from '@sveltejs/kit';
import { availabilityDays, availabilitySlots, type BookableStart } from '@termin/contracts';
import { addDaysToLocalDate, localDateOf } from '@termin/domain';
import { kit, tenantSlug } from './kit';

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
  event: RequestEvent,
  choice: { locationId: string; serviceId: string; timezone: string; date: string | null },
): Promise<{ days: string[]; slots: BookableStart[]; problem: string | null }> {
  const api = kit.api(event);
  const from = localDateOf(new Date(), choice.timezone);
  const base = `/api/v1/tenants/${tenantSlug()}/locations/${encodeURIComponent(choice.locationId)}/availability`;
  const days = await api.get(`${base}/days`, availabilityDays, { query: { serviceId: choice.serviceId, from, to: addDaysToLocalDate(from, DAYS_SHOWN - 1) } });
  const slots = choice.date ? await api.get(`${base}/slots`, availabilitySlots, { query: { serviceId: choice.serviceId, date: choice.date } }) : null;
  return {
    days: days.ok ? days.data.days : [],
    slots: slots?.ok ? slots.data.slots : [],
    problem: days.ok ? (slots && !slots.ok ? slots.error.message : null) : days.error.message,
  };
}
