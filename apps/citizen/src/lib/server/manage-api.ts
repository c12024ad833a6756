import type { ManagedBooking, QueuePosition } from '@termin/contracts';
import type { Lang } from '@termin/ui/i18n';
import { callApi } from './api';
import { apiBaseUrl } from './config';
import type { ManageProof } from './manage-cookie';

type Fetch = typeof globalThis.fetch;
const byCode = (code: string) => `/api/v1/appointments/by-code/${encodeURIComponent(code)}`;

// The address goes to the API server to server only; it never appears in a URL the browser sees.
export function lookupBooking(fetch: Fetch, lang: Lang, { code, email }: ManageProof) {
  return callApi<ManagedBooking>(fetch, lang, `${byCode(code)}?${new URLSearchParams({ email, lang })}`);
}

export function cancelBooking(fetch: Fetch, lang: Lang, { code, email }: ManageProof) {
  return callApi<ManagedBooking>(fetch, lang, `${byCode(code)}/cancel`, { method: 'POST', body: { email } });
}

export function rescheduleBooking(fetch: Fetch, lang: Lang, { code, email }: ManageProof, startsAt: string) {
  return callApi<ManagedBooking>(fetch, lang, `${byCode(code)}/reschedule`, { method: 'POST', body: { email, startsAt } });
}

/** The calendar file as the API sends it, or null (unknown booking, API down). */
export async function fetchCalendar(fetch: Fetch, lang: Lang, { code, email }: ManageProof): Promise<Response | null> {
  const res = await fetch(`${apiBaseUrl()}${byCode(code)}/calendar.ics?${new URLSearchParams({ email, lang })}`, { headers: { 'accept-language': lang } }).catch(() => null);
  return res?.ok ? res : null;
}

/** Ticket and place in the queue; a 404 means "not checked in (yet)" for any code. */
export function queuePosition(fetch: Fetch, lang: Lang, code: string) {
  return callApi<QueuePosition>(fetch, lang, `/api/v1/queue/position/${encodeURIComponent(code)}`);
}
