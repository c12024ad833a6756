import type { RequestEvent } from '@sveltejs/kit';
import { BOOKING_EMAIL_HEADER, managedBooking, queuePosition as queuePositionSchema } from '@termin/contracts';
import type { ManageProof } from './cookies';
import { kit } from './kit';

const byCode = (code: string) => `/api/v1/appointments/by-code/${encodeURIComponent(code)}`;

// The address goes from this server to the API only; it never appears in a URL the browser sees.
export function lookupBooking(event: RequestEvent, { code, email }: ManageProof) {
  return kit.api(event).get(byCode(code), managedBooking, { query: { lang: event.locals.lang }, headers: { [BOOKING_EMAIL_HEADER]: email } });
}

export function cancelBooking(event: RequestEvent, { code, email }: ManageProof) {
  return kit.api(event).post(`${byCode(code)}/cancel`, managedBooking, { body: { email } });
}

export function rescheduleBooking(event: RequestEvent, { code, email }: ManageProof, startsAt: string) {
  return kit.api(event).post(`${byCode(code)}/reschedule`, managedBooking, { body: { email, startsAt } });
}

/** The calendar file as the API sends it. */
export function fetchCalendar(event: RequestEvent, { code, email }: ManageProof) {
  return kit.api(event).file(`${byCode(code)}/calendar.ics`, { query: { lang: event.locals.lang }, headers: { [BOOKING_EMAIL_HEADER]: email } });
}

/** Ticket and place in the queue; a 404 means "not checked in (yet)" for any code. */
export function queuePosition(event: RequestEvent, code: string) {
  return kit.api(event).get(`/api/v1/queue/position/${encodeURIComponent(code)}`, queuePositionSchema);
}
