import { fail, type Cookies } from '@sveltejs/kit';
import { callNextResponse, counterListResponse, queueEntryResponse, queueSnapshotResponse, todayAppointmentsResponse, type CounterList } from '@termin/contracts';
import { dataOrError, formFailure } from '@termin/web-kit';
import { kit } from '$lib/server/kit';
import { requireRole, workLocation } from '$lib/server/location';
import { counterCookie } from '$lib/server/counter-cookie';
import type { Actions, PageServerLoad } from './$types';

const clerkRoles = ['staff', 'admin'] as const;
const entryActions = ['call', 'recall', 'complete', 'no-show', 'requeue'] as const;
type EntryAction = (typeof entryActions)[number];

function chosenCounter(cookies: Cookies, locationId: string, counters: CounterList['counters']) {
  const id = cookies.get(counterCookie(locationId));
  return counters.find((c) => c.id === id) ?? null;
}

export const load: PageServerLoad = async (event) => {
  requireRole(event.locals, clerkRoles);
  const { locationId } = event.params;
  // First, so an office that is not the user's is a plain 404 before anything else is asked.
  const location = await workLocation(event, locationId);
  const api = kit.api(event);
  const [counterList, snapshot, day] = await Promise.all([
    api.get(`/api/v1/locations/${locationId}/counters`, counterListResponse),
    api.get(`/api/v1/locations/${locationId}/queue`, queueSnapshotResponse),
    api.get(`/api/v1/locations/${locationId}/appointments/today`, todayAppointmentsResponse),
  ]);
  const { counters } = dataOrError(counterList);
  const { entries } = dataOrError(snapshot);
  const { appointments } = dataOrError(day);
  return { location, counters, counter: chosenCounter(event.cookies, locationId, counters), entries, appointments };
};

export const actions: Actions = {
  counter: async (event) => {
    requireRole(event.locals, clerkRoles);
    const counterId = String((await event.request.formData()).get('counterId') ?? '');
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
    requireRole(event.locals, clerkRoles);
    const form = await event.request.formData();
    const entryId = String(form.get('entryId') ?? '');
    const action = String(form.get('do') ?? '') as EntryAction;
    if (!/^[0-9a-f-]{36}$/i.test(entryId) || !entryActions.includes(action)) return fail(400, { error: null });
    const counterId = event.cookies.get(counterCookie(event.params.locationId));
    if (action === 'call' && !counterId) return fail(400, { error: null, counterMissing: true });
    const result = await kit.api(event).post(`/api/v1/queue-entries/${entryId}/${action}`, queueEntryResponse, {
      body: action === 'call' ? { counterId } : undefined,
    });
    if (!result.ok) return formFailure(result);
    const { entry } = result.data;
    return entry.status === 'CALLED' ? { called: { ticket: entry.ticketNumber, counter: entry.counter?.name ?? '' } } : { done: true };
  },
};
