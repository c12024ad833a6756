import type { RequestEvent } from '@sveltejs/kit';
import { availabilityDays, availabilitySlots, type BookableStart } from '@termin/contracts';
import { addDaysToLocalDate, localDateOf } from '@termin/domain';
import { kit, tenantSlug } from './kit';

// The API answers at most 93 days per request; a longer horizon takes a second request.
const DAYS_PER_REQUEST = 93;
const MAX_REQUESTS = 4;

/** A `?date=` worth asking the API about, or null. */
export function validDate(date: string | null): string | null {
  return date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null;
}

export interface Availability {
  /** Today in the location's time zone: the calendar's first day. */
  firstDay: string;
  /** The last day of the tenant's booking horizon: the calendar's last day. */
  lastDay: string;
  days: string[];
  slots: BookableStart[];
  problem: string | null;
}

/**
 * Free days of the whole booking horizon and, once a day is chosen, its free start times: what
 * the booking flow and rescheduling both offer.
 */
export async function loadAvailability(
  event: RequestEvent,
  choice: { locationId: string; serviceId: string; timezone: string; date: string | null },
): Promise<Availability> {
  const api = kit.api(event);
  const firstDay = localDateOf(new Date(), choice.timezone);
  const base = `/api/v1/tenants/${tenantSlug(event)}/locations/${encodeURIComponent(choice.locationId)}/availability`;
  const slotsRequest = choice.date ? api.get(`${base}/slots`, availabilitySlots, { query: { serviceId: choice.serviceId, date: choice.date } }) : null;

  const days: string[] = [];
  let lastDay = firstDay;
  let problem: string | null = null;
  let from = firstDay;
  for (let request = 0; request < MAX_REQUESTS; request++) {
    const to = addDaysToLocalDate(from, DAYS_PER_REQUEST - 1);
    const answer = await api.get(`${base}/days`, availabilityDays, { query: { serviceId: choice.serviceId, from, to } });
    if (!answer.ok) {
      problem = answer.error.message;
      break;
    }
    days.push(...answer.data.days);
    lastDay = answer.data.lastDay;
    if (lastDay <= to) break;
    from = addDaysToLocalDate(to, 1);
  }

  const slots = slotsRequest ? await slotsRequest : null;
  return {
    firstDay,
    lastDay,
    days,
    slots: slots?.ok ? slots.data.slots : [],
    problem: problem ?? (slots && !slots.ok ? slots.error.message : null),
  };
}
