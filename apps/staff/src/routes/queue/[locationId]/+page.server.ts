import { fail, type Cookies } from '@sveltejs/kit';
import type { CounterList, QueueEntryView } from '@termin/contracts';
import { api, ApiError, requireRole } from '$lib/server/api';
import { workLocation } from '$lib/server/location';
import type { Actions, PageServerLoad } from './$types';

const clerkRoles = ['staff', 'admin'] as const;
const entryActions = ['call', 'recall', 'complete', 'no-show', 'requeue'] as const;
type EntryAction = (typeof entryActions)[number];

// One cookie per office: a clerk who works at two offices keeps a desk at each.
const counterCookie = (locationId: string) => `counter_${locationId}`;

function chosenCounter(cookies: Cookies, locationId: string, counters: CounterList['counters']) {
  const id = cookies.get(counterCookie(locationId));
  return counters.find((c) => c.id === id) ?? null;
}

export const load: PageServerLoad = async (event) => {
  requireRole(event.locals, clerkRoles);
  const { locationId } = event.params;
  // First, so an office that is not the user's is a plain 404 before anything else is asked.
  const location = await workLocation(event, locationId);
  const [{ counters }, { entries }] = await Promise.all([
    api<CounterList>(event, `/api/v1/locations/${locationId}/counters`),
    api<{ entries: QueueEntryView[] }>(event, `/api/v1/locations/${locationId}/queue`),
  ]);
  return { location, counters, counter: chosenCounter(event.cookies, locationId, counters), entries };
};

/** Turns a refusal of the API into a form error the page shows; anything else is a real failure. */
async function attempt<T>(run: () => Promise<T>) {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ApiError && err.status < 500) return fail(err.status, { error: err.message });
    throw err;
  }
}

export const actions: Actions = {
  counter: async (event) => {
    requireRole(event.locals, clerkRoles);
    const counterId = String((await event.request.formData()).get('counterId') ?? '');
    const { counters } = await api<CounterList>(event, `/api/v1/locations/${event.params.locationId}/counters`);
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
    return attempt(async () => {
      const { entry } = await api<{ entry: QueueEntryView | null }>(event, `/api/v1/locations/${event.params.locationId}/queue/call-next`, {
        method: 'POST',
        body: { counterId },
      });
      return entry ? { called: { ticket: entry.ticketNumber, counter: entry.counter?.name ?? '' } } : { nobodyWaiting: true };
    });
  },

  entry: async (event) => {
    requireRole(event.locals, clerkRoles);
    const form = await event.request.formData();
    const entryId = String(form.get('entryId') ?? '');
    const action = String(form.get('do') ?? '') as EntryAction;
    if (!/^[0-9a-f-]{36}$/i.test(entryId) || !entryActions.includes(action)) return fail(400, { error: null });
    const counterId = event.cookies.get(counterCookie(event.params.locationId));
    if (action === 'call' && !counterId) return fail(400, { error: null, counterMissing: true });
    return attempt(async () => {
      const { entry } = await api<{ entry: QueueEntryView }>(event, `/api/v1/queue-entries/${entryId}/${action}`, {
        method: 'POST',
        body: action === 'call' ? { counterId } : undefined,
      });
      return entry.status === 'CALLED' ? { called: { ticket: entry.ticketNumber, counter: entry.counter?.name ?? '' } } : { done: true };
    });
  },
};
