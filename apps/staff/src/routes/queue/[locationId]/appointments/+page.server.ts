import { fail } from '@sveltejs/kit';
import {
  backofficeAppointmentResponse,
  backofficeSearchResponse,
  backofficeSlots,
  publicServiceList,
  staffBookingResponse,
  type BackofficeAppointment,
} from '@termin/contracts';
import { localDateOf } from '@termin/domain';
import { dataOrError, formFailure } from '@termin/web-kit';
import { kit } from '$lib/server/kit';
import { requireRole, workLocation } from '$lib/server/location';
import type { Actions, PageServerLoad } from './$types';

const clerkRoles = ['staff', 'admin'] as const;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The clerk's back office of one location: book for a citizen (service and day by GET, so the page
 * works without JavaScript, then the time and the person by POST), find appointments by code or
 * name, cancel and move them.
 */
export const load: PageServerLoad = async (event) => {
  requireRole(event.locals, clerkRoles);
  const { locationId } = event.params;
  const location = await workLocation(event, locationId);
  const api = kit.api(event);
  const query = event.url.searchParams;
  const today = localDateOf(new Date(), location.timezone);
  const services = dataOrError(await api.get(`/api/v1/tenants/${location.tenantSlug}/locations/${locationId}/services`, publicServiceList));

  const freeTimes = async (serviceId: string, date: string) =>
    dataOrError(await api.get(`/api/v1/locations/${locationId}/backoffice/slots`, backofficeSlots, { query: { serviceId, date } })).slots;

  const serviceId = query.get('serviceId') ?? '';
  const date = isoDate.test(query.get('date') ?? '') ? query.get('date')! : today;
  const bookingTimes = uuid.test(serviceId) && services.some((s) => s.id === serviceId) ? await freeTimes(serviceId, date) : null;

  const q = (query.get('q') ?? '').trim();
  const results: BackofficeAppointment[] | null =
    q.length >= 2 ? dataOrError(await api.get(`/api/v1/locations/${locationId}/backoffice/appointments`, backofficeSearchResponse, { query: { q } })).appointments : null;

  const moving = results?.find((a) => a.id === query.get('move')) ?? null;
  const moveDate = isoDate.test(query.get('moveDate') ?? '') ? query.get('moveDate')! : today;
  const moveTimes = moving ? await freeTimes(moving.service.id, moveDate) : null;

  return { location, services, today, serviceId, date, bookingTimes, q, results, moving, moveDate, moveTimes };
};

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

export const actions: Actions = {
  book: async (event) => {
    requireRole(event.locals, clerkRoles);
    const form = await event.request.formData();
    const email = text(form, 'email');
    const phone = text(form, 'phone');
    const values = { name: text(form, 'name'), email, phone, startsAt: text(form, 'startsAt') };
    const result = await kit.api(event).post(`/api/v1/locations/${event.params.locationId}/backoffice/appointments`, staffBookingResponse, {
      body: {
        serviceId: text(form, 'serviceId'),
        startsAt: values.startsAt,
        channel: text(form, 'channel') === 'counter' ? 'counter' : 'phone',
        name: values.name,
        ...(email ? { email } : {}),
        ...(phone ? { phone } : {}),
        contactConsent: form.get('contactConsent') === 'on',
        language: text(form, 'language') || 'de',
      },
    });
    if (!result.ok) {
      if (result.status >= 500) return formFailure(result);
      const fields = Object.fromEntries(result.error.fields.map((f) => [f.field, f.message]));
      return fail(result.status, { action: 'book' as const, error: result.error.message, fields, values });
    }
    return { action: 'book' as const, booked: { code: result.data.bookingCode, startsAt: result.data.startsAt, notified: Boolean(email) } };
  },

  cancel: async (event) => {
    requireRole(event.locals, clerkRoles);
    const appointmentId = text(await event.request.formData(), 'appointmentId');
    if (!uuid.test(appointmentId)) return fail(400, { action: 'cancel' as const, error: null });
    const result = await kit
      .api(event)
      .post(`/api/v1/locations/${event.params.locationId}/backoffice/appointments/${appointmentId}/cancel`, backofficeAppointmentResponse);
    if (!result.ok) return formFailure(result);
    return { action: 'cancel' as const, cancelled: { name: result.data.citizenName ?? result.data.bookingCode, notified: result.data.notified } };
  },

  move: async (event) => {
    requireRole(event.locals, clerkRoles);
    const form = await event.request.formData();
    const appointmentId = text(form, 'appointmentId');
    if (!uuid.test(appointmentId)) return fail(400, { action: 'move' as const, error: null });
    const result = await kit
      .api(event)
      .post(`/api/v1/locations/${event.params.locationId}/backoffice/appointments/${appointmentId}/reschedule`, backofficeAppointmentResponse, {
        body: { startsAt: text(form, 'startsAt') },
      });
    if (!result.ok) return formFailure(result);
    const moved = result.data;
    return { action: 'move' as const, moved: { name: moved.citizenName ?? moved.bookingCode, startsAt: moved.startsAt, notified: moved.notified } };
  },
};
