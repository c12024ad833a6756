import { error, fail, redirect } from '@sveltejs/kit';
import { bookingChallengeView, bookingResponse } from '@termin/contracts';
import { t, type Lang, type MessageKey } from '@termin/ui/i18n';
import { loadChoice } from '$lib/server/choice';
import { bookedAnswer } from '$lib/server/cookies';
import { kit, tenantSlug } from '$lib/server/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { params, url } = event;
  const { location, service } = await loadChoice(event, params.locationId, params.serviceId);
  const startsAt = url.searchParams.get('startsAt');
  if (!startsAt || Number.isNaN(Date.parse(startsAt))) redirect(303, `/book/${location.id}/${service.id}`);
  // On a rush day the form carries the challenge the browser solves, and the wait token for a page without scripts.
  const query = new URLSearchParams({ locationId: location.id, serviceId: service.id, startsAt });
  const challenge = await kit.api(event).get(`/api/v1/tenants/${tenantSlug(event)}/booking-challenge?${query}`, bookingChallengeView);
  if (!challenge.ok) {
    if (challenge.status === 400) redirect(303, `/book/${location.id}/${service.id}`);
    error(challenge.status, challenge.error.message);
  }
  // One key per form shown: submitting twice (double click, reload) books once.
  return { location, service, startsAt, idempotencyKey: crypto.randomUUID(), challenge: challenge.data };
};

export const actions: Actions = {
  default: async (event) => {
    const { request, locals, params } = event;
    const form = await request.formData();
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const values = { name: text('name'), email: text('email'), phone: text('phone'), smsOptIn: form.get('smsOptIn') === 'on', consent: form.get('consent') === 'on' };
    const startsAt = text('startsAt');
    const proof = { altcha: text('altcha').slice(0, 2000), waitToken: text('waitToken').slice(0, 200) };
    const challenge =
      proof.altcha || proof.waitToken ? { ...(proof.altcha ? { altcha: proof.altcha } : {}), ...(proof.waitToken ? { waitToken: proof.waitToken } : {}) } : undefined;
    const result = await kit.api(event).post('/api/v1/appointments', bookingResponse, {
      headers: { 'idempotency-key': text('idempotencyKey').slice(0, 100) || crypto.randomUUID() },
      body: {
        tenant: tenantSlug(event),
        locationId: params.locationId,
        serviceId: params.serviceId,
        startsAt,
        citizen: { name: values.name, email: values.email, ...(values.phone ? { phone: values.phone } : {}) },
        smsOptIn: values.smsOptIn && Boolean(values.phone),
        language: locals.lang,
        // The API wants an explicit `true`; an unticked box is sent as false and answered per field.
        consent: values.consent,
        ...(challenge ? { challenge } : {}),
      },
    });
    if (result.ok) {
      await bookedAnswer.set(event, result.data);
      redirect(303, `/booked/${result.data.bookingCode}`);
    }
    if (result.status === 409 && result.error.code === 'slot_full') {
      const back = new URLSearchParams({ date: startsAt.slice(0, 10), notice: result.error.message });
      redirect(303, `/book/${params.locationId}/${params.serviceId}?${back}`);
    }
    // Sent before the wait was over: the same form again, with the same token and what was typed.
    if (result.status === 403 && result.error.code === 'booking_challenge_wait') {
      // The token starts with its "not before" instant (signed; readable so the page can say how long).
      const seconds = Math.max(1, Math.ceil((Number(proof.waitToken.split('.')[0]) - Date.now()) / 1000) || 1);
      return fail(403, { values, fields: {}, message: t(locals.lang, 'book.challenge.tooEarly', { seconds }), waitToken: proof.waitToken });
    }
    // Expired, used or missing: the page comes back with a fresh challenge.
    if (result.status === 403 && result.error.code.startsWith('booking_challenge_'))
      return fail(403, { values, fields: {}, message: t(locals.lang, 'book.challenge.invalid') });
    // Field names of the API (citizen.email) map to the form's (email). Each field gets the portal's
    // own sentence in the page's language, which says what to type rather than what was wrong.
    const fields = Object.fromEntries(
      result.error.fields.map((f) => {
        const field = f.field.replace(/^citizen\./, '');
        return [field, fieldMessage(locals.lang, field)];
      }),
    );
    const message = Object.keys(fields).length > 0 ? t(locals.lang, 'book.errorTitle') : result.error.message;
    return fail(result.status, { values, fields, message });
  },
};

const fieldMessages: Record<string, MessageKey> = {
  name: 'book.error.name',
  email: 'book.error.email',
  phone: 'book.error.phone',
  consent: 'book.error.consent',
  startsAt: 'book.error.startsAt',
};

function fieldMessage(lang: Lang, field: string): string {
  return t(lang, fieldMessages[field] ?? 'book.error.other');
}
