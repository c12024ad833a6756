import { fail, redirect } from '@sveltejs/kit';
import type { BookableStart } from '@termin/contracts';
import { loadAvailability, validDate } from '$lib/server/availability';
import { cancelBooking, lookupBooking, rescheduleBooking } from '$lib/server/manage-api';
import { forgetLookup, recallLookup, rememberLookup } from '$lib/server/manage-cookie';
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

export const load: PageServerLoad = async ({ fetch, locals, params, cookies, url }) => {
  const step = pick(steps, url.searchParams.get('step'));
  const date = validDate(url.searchParams.get('date'));
  const outcome = pick(outcomes, url.searchParams.get('done'));
  const empty = { booking: null, step, date, outcome: null, availability: null, problem: null };
  const proof = recallLookup(cookies, params.code);
  if (!proof) return empty;

  const result = await lookupBooking(fetch, locals.lang, proof);
  if (!result.ok) {
    // Anonymised or gone: ask again rather than keep an address that opens nothing.
    if (result.status === 404) forgetLookup(cookies);
    return { ...empty, problem: result.status === 404 ? null : result.error.message };
  }
  const booking = result.data;
  let availability: { days: string[]; slots: BookableStart[]; problem: string | null } | null = null;
  if (step === 'reschedule' && booking.cancellable.allowed) {
    const found = await loadAvailability(fetch, locals.lang, { locationId: booking.location.id, serviceId: booking.service.id, timezone: booking.timezone, date });
    // Her own time is no choice: the API would answer reschedule_same_time.
    availability = { ...found, slots: found.slots.filter((slot) => Date.parse(slot.startsAt) !== Date.parse(booking.startsAt)) };
  }
  return { booking, step, date, outcome, availability, problem: null };
};

export const actions: Actions = {
  lookup: async ({ request, fetch, locals, params, cookies, url }) => {
    const form = await request.formData();
    const email = String(form.get('email') ?? '').trim();
    const step = pick(steps, String(form.get('step') ?? ''));
    const result = await lookupBooking(fetch, locals.lang, { code: params.code, email });
    if (!result.ok) {
      const field = result.error.fields?.find((f) => f.field === 'email')?.message ?? null;
      return fail(result.status, { action: 'lookup' as const, email, message: result.error.message, field });
    }
    // The canonical spelling from here on, whatever the citizen typed into the address bar.
    const code = result.data.bookingCode;
    rememberLookup(cookies, url.protocol === 'https:', { code, email });
    redirect(303, manageUrl(code, step ? { step } : {}));
  },

  cancel: async ({ fetch, locals, params, cookies }) => {
    const proof = recallLookup(cookies, params.code);
    if (!proof) redirect(303, manageUrl(params.code, { step: 'cancel' }));
    const result = await cancelBooking(fetch, locals.lang, proof);
    if (!result.ok) return fail(result.status, { action: 'cancel' as const, message: result.error.message });
    redirect(303, manageUrl(params.code, { done: 'cancelled' }));
  },

  reschedule: async ({ request, fetch, locals, params, cookies }) => {
    const proof = recallLookup(cookies, params.code);
    if (!proof) redirect(303, manageUrl(params.code, { step: 'reschedule' }));
    const startsAt = String((await request.formData()).get('startsAt') ?? '');
    const result = await rescheduleBooking(fetch, locals.lang, proof, startsAt);
    // slot_full and the like: the page shows the message above the day's times, loaded afresh.
    if (!result.ok) return fail(result.status, { action: 'reschedule' as const, message: result.error.message });
    redirect(303, manageUrl(params.code, { done: 'rescheduled' }));
  },
};
