import { fail, redirect } from '@sveltejs/kit';
import { loadAvailability, validDate, type Availability } from '$lib/server/availability';
import { cancelBooking, lookupBooking, rescheduleBooking } from '$lib/server/manage-api';
import { manageProof, recallLookup } from '$lib/server/cookies';
import type { Actions, PageServerLoad } from './$types';

const steps = ['cancel', 'reschedule'] as const;
const outcomes = ['cancelled', 'rescheduled'] as const;

function pick<T extends string>(allowed: readonly T[], value: string | null | undefined): T | null {
  return allowed.find((option) => option === value) ?? null;
}

const manageUrl = (code: string, query: Record<string, string> = {}) => {
  const search = new URLSearchParams(query).toString();
  return `/manage/${encodeURIComponent(code)}${search ? `?${search}` : ''}`;
};

export const load: PageServerLoad = async (event) => {
  const { params, cookies, url } = event;
  const step = pick(steps, url.searchParams.get('step'));
  const date = validDate(url.searchParams.get('date'));
  const outcome = pick(outcomes, url.searchParams.get('done'));
  const empty = { booking: null, step, date, outcome: null, availability: null, problem: null };
  const proof = await recallLookup(cookies, params.code);
  if (!proof) return empty;

  const result = await lookupBooking(event, proof);
  if (!result.ok) {
    // Anonymised or gone: ask again rather than keep an address that opens nothing.
    if (result.status === 404) manageProof.forget(cookies);
    return { ...empty, problem: result.status === 404 ? null : result.error.message };
  }
  const booking = result.data;
  let availability: Availability | null = null;
  if (step === 'reschedule' && booking.cancellable.allowed) {
    const found = await loadAvailability(event, { locationId: booking.location.id, serviceId: booking.service.id, timezone: booking.timezone, date });
    // Her own time is no choice: the API would answer reschedule_same_time.
    availability = { ...found, slots: found.slots.filter((slot) => Date.parse(slot.startsAt) !== Date.parse(booking.startsAt)) };
  }
  return { booking, step, date, outcome, availability, problem: null };
};

export const actions: Actions = {
  lookup: async (event) => {
    const { params } = event;
    const form = await event.request.formData();
    const email = String(form.get('email') ?? '').trim();
    const step = pick(steps, String(form.get('step') ?? ''));
    const result = await lookupBooking(event, { code: params.code, email });
    if (!result.ok) {
      const field = result.error.fieldMessage('email');
      return fail(result.status, { action: 'lookup' as const, email, message: result.error.message, field });
    }
    // The canonical spelling from here on, whatever the citizen typed into the address bar.
    const code = result.data.bookingCode;
    await manageProof.set(event, { code, email });
    redirect(303, manageUrl(code, step ? { step } : {}));
  },

  cancel: async (event) => {
    const { params } = event;
    const proof = await recallLookup(event.cookies, params.code);
    if (!proof) redirect(303, manageUrl(params.code, { step: 'cancel' }));
    const result = await cancelBooking(event, proof);
    if (!result.ok) return fail(result.status, { action: 'cancel' as const, message: result.error.message });
    redirect(303, manageUrl(params.code, { done: 'cancelled' }));
  },

  reschedule: async (event) => {
    const { params } = event;
    const proof = await recallLookup(event.cookies, params.code);
    if (!proof) redirect(303, manageUrl(params.code, { step: 'reschedule' }));
    const startsAt = String((await event.request.formData()).get('startsAt') ?? '');
    const result = await rescheduleBooking(event, proof, startsAt);
    // slot_full and the like: the page shows the message above the day's times, loaded afresh.
    if (!result.ok) return fail(result.status, { action: 'reschedule' as const, message: result.error.message });
    redirect(303, manageUrl(params.code, { done: 'rescheduled' }));
  },
};
