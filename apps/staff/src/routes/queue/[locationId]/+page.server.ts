import { fail, type Cookies, type RequestEvent } from '@sveltejs/kit';
import {
  callNextResponse,
  checkinResponse,
  counterListResponse,
  counterResponse,
  counterState,
  kioskCheckinResponse,
  publicServiceList,
  queueEntryResponse,
  queueSnapshotResponse,
  todayAppointmentsResponse,
  type CounterList,
} from '@termin/contracts';
import { dataOrError, formFailure } from '@termin/web-kit';
import { kit } from '$lib/server/kit';
import { requireRole, workLocation } from '$lib/server/location';
import { counterCookie } from '$lib/server/counter-cookie';
import type { Actions, PageServerLoad } from './$types';

const clerkRoles = ['staff', 'admin'] as const;
const entryActions = ['call', 'recall', 'complete', 'no-show', 'requeue'] as const;
type EntryAction = (typeof entryActions)[number];
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function chosenCounter(cookies: Cookies, locationId: string, counters: CounterList['counters']) {
  const id = cookies.get(counterCookie(locationId));
  return counters.find((c) => c.id === id) ?? null;
}

async function form(event: RequestEvent) {
  requireRole(event.locals, clerkRoles);
  return event.request.formData();
}

export const load: PageServerLoad = async (event) => {
  requireRole(event.locals, clerkRoles);
  const { locationId } = event.params;
  // First, so an office that is not the user's is a plain 404 before anything else is asked.
  const location = await workLocation(event, locationId);
  const api = kit.api(event);
  const [counterList, snapshot, day, services] = await Promise.all([
    api.get(`/api/v1/locations/${locationId}/counters`, counterListResponse),
    api.get(`/api/v1/locations/${locationId}/queue`, queueSnapshotResponse),
    api.get(`/api/v1/locations/${locationId}/appointments/today`, todayAppointmentsResponse),
    api.get(`/api/v1/tenants/${encodeURIComponent(location.tenantSlug)}/locations/${locationId}/services`, publicServiceList),
  ]);
  const { counters } = dataOrError(counterList);
  const { entries } = dataOrError(snapshot);
  const { appointments } = dataOrError(day);
  return { location, counters, counter: chosenCounter(event.cookies, locationId, counters), entries, appointments, services: dataOrError(services) };
};

export const actions: Actions = {
  counter: async (event) => {
    const counterId = String((await form(event)).get('counterId') ?? '');
    const { counters } = dataOrError(await kit.api(event).get(`/api/v1/locations/${event.params.locationId}/counters`, counterListResponse));
    if (!counters.some((c) => c.id === counterId)) return fail(400, { error: null, counterMissing: true });
    event.cookies.set(counterCookie(event.params.locationId), counterId, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: event.url.protocol === 'https:',
      maxAge: 60 * 60 * 24 * 30,
    });
    return { saved: true };
  },

  /** Pause, close for the day, or open again: the counter this browser took. */
  counterState: async (event) => {
    const state = counterState.safeParse((await form(event)).get('state'));
    const counterId = event.cookies.get(counterCookie(event.params.locationId));
    if (!counterId) return fail(400, { error: null, counterMissing: true });
    if (!state.success) return fail(400, { error: null, invalid: true });
    const result = await kit.api(event).put(`/api/v1/locations/${event.params.locationId}/counters/${counterId}/state`, counterResponse, { body: { state: state.data } });
    if (!result.ok) return formFailure(result);
    return { counterState: { name: result.data.counter.name, state: result.data.counter.state } };
  },

  callNext: async (event) => {
    requireRole(event.locals, clerkRoles);
    const counterId = event.cookies.get(counterCookie(event.params.locationId));
    if (!counterId) return fail(400, { error: null, counterMissing: true });
    const result = await kit.api(event).post(`/api/v1/locations/${event.params.locationId}/queue/call-next`, callNextResponse, { body: { counterId } });
    if (!result.ok) return formFailure(result);
    const { entry } = result.data;
    return entry ? { called: { ticket: entry.ticketNumber, counter: entry.counter?.name ?? '' } } : { nobodyWaiting: true };
  },

  entry: async (event) => {
    const data = await form(event);
    const entryId = String(data.get('entryId') ?? '');
    const action = String(data.get('do') ?? '') as EntryAction;
    if (!uuid.test(entryId) || !entryActions.includes(action)) return fail(400, { error: null, invalid: true });
    const counterId = event.cookies.get(counterCookie(event.params.locationId));
    if (action === 'call' && !counterId) return fail(400, { error: null, counterMissing: true });
    const result = await kit.api(event).post(`/api/v1/queue-entries/${entryId}/${action}`, queueEntryResponse, {
      body: action === 'call' ? { counterId } : undefined,
    });
    if (!result.ok) return formFailure(result);
    const { entry } = result.data;
    return entry.status === 'CALLED' ? { called: { ticket: entry.ticketNumber, counter: entry.counter?.name ?? '' } } : { done: true };
  },

  /** A citizen at the desk: the booking code they read out, or what a scanner at the desk typed. */
  checkin: async (event) => {
    const scan = String((await form(event)).get('code') ?? '').trim();
    if (!scan) return fail(400, { error: null, codeMissing: true });
    if (scan.length > 500) return fail(400, { error: null, invalid: true });
    const result = await kit.api(event).post(`/api/v1/kiosk/locations/${event.params.locationId}/checkin`, kioskCheckinResponse, { body: { scan } });
    if (!result.ok) return formFailure(result);
    return { checkedIn: { ticket: result.data.ticketNumber } };
  },

  /** Checks in one of today's appointments from the list. */
  checkinAppointment: async (event) => {
    const appointmentId = String((await form(event)).get('appointmentId') ?? '');
    if (!uuid.test(appointmentId)) return fail(400, { error: null, invalid: true });
    const result = await kit.api(event).patch(`/api/v1/appointments/${appointmentId}/checkin`, checkinResponse, { body: { locationId: event.params.locationId } });
    if (!result.ok) return formFailure(result);
    return { checkedIn: { ticket: result.data.queueEntry.ticketNumber } };
  },

  walkIn: async (event) => {
    const serviceId = String((await form(event)).get('serviceId') ?? '');
    if (!uuid.test(serviceId)) return fail(400, { error: null, invalid: true });
    const result = await kit.api(event).post(`/api/v1/locations/${event.params.locationId}/queue/walk-ins`, queueEntryResponse, { body: { serviceId } });
    if (!result.ok) return formFailure(result);
    return { walkIn: { ticket: result.data.entry.ticketNumber } };
  },

  note: async (event) => {
    const data = await form(event);
    const entryId = String(data.get('entryId') ?? '');
    const note = String(data.get('note') ?? '').trim();
    if (!uuid.test(entryId) || note.length > 1000) return fail(400, { error: null, invalid: true });
    const result = await kit.api(event).put(`/api/v1/queue-entries/${entryId}/note`, queueEntryResponse, { body: { note } });
    if (!result.ok) return formFailure(result);
    return { noted: { ticket: result.data.entry.ticketNumber } };
  },
};
