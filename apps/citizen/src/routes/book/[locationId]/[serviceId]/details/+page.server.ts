import { fail, redirect } from '@sveltejs/kit';
import type { BookingResponse } from '@termin/contracts';
import { callApi, tenantSlug } from '$lib/server/api';
import { loadChoice } from '$lib/server/choice';
import { rememberBooking } from '$lib/server/booked-cookie';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals, params, url }) => {
  const { location, service } = await loadChoice(fetch, locals.lang, params.locationId, params.serviceId);
  const startsAt = url.searchParams.get('startsAt');
  if (!startsAt || Number.isNaN(Date.parse(startsAt))) redirect(303, `/book/${location.id}/${service.id}`);
  // One key per form shown: submitting twice (double click, reload) books once.
  return { location, service, startsAt, idempotencyKey: crypto.randomUUID() };
};

export const actions: Actions = {
  default: async ({ request, fetch, locals, params, cookies }) => {
    const form = await request.formData();
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const values = { name: text('name'), email: text('email'), phone: text('phone'), smsOptIn: form.get('smsOptIn') === 'on', consent: form.get('consent') === 'on' };
    const startsAt = text('startsAt');
    const result = await callApi<BookingResponse>(fetch, locals.lang, '/api/v1/appointments', {
      method: 'POST',
      headers: { 'idempotency-key': text('idempotencyKey').slice(0, 100) || crypto.randomUUID() },
      body: {
        tenant: tenantSlug(),
        locationId: params.locationId,
        serviceId: params.serviceId,
        startsAt,
        citizen: { name: values.name, email: values.email, ...(values.phone ? { phone: values.phone } : {}) },
        smsOptIn: values.smsOptIn && Boolean(values.phone),
        language: locals.lang,
        // The API wants an explicit `true`; an unticked box is sent as false and answered per field.
        consent: values.consent,
      },
    });
    if (result.ok) {
      rememberBooking(cookies, result.data);
      redirect(303, `/booked/${result.data.bookingCode}`);
    }
    if (result.status === 409 && result.error.code === 'slot_full') {
      const back = new URLSearchParams({ date: startsAt.slice(0, 10), notice: result.error.message });
      redirect(303, `/book/${params.locationId}/${params.serviceId}?${back}`);
    }
    // Field names of the API (citizen.email) map to the form's (email).
    const fields = Object.fromEntries((result.error.fields ?? []).map((f) => [f.field.replace(/^citizen\./, ''), f.message]));
    return fail(result.status, { values, fields, message: result.error.message });
  },
};
