import type { AvailabilityDays, AvailabilitySlots } from '@termin/contracts';
import { callApi, tenantSlug } from '$lib/server/api';
import { addDays, loadChoice, localToday } from '$lib/server/choice';
import type { PageServerLoad } from './$types';

const DAYS_SHOWN = 28;

export const load: PageServerLoad = async ({ fetch, locals, params, url }) => {
  const { location, service } = await loadChoice(fetch, locals.lang, params.locationId, params.serviceId);
  const from = localToday(location.timezone);
  const query = `serviceId=${service.id}`;
  const availability = `/api/v1/tenants/${tenantSlug()}/locations/${location.id}/availability`;
  const days = await callApi<AvailabilityDays>(fetch, locals.lang, `${availability}/days?${query}&from=${from}&to=${addDays(from, DAYS_SHOWN - 1)}`);
  const date = url.searchParams.get('date');
  const validDate = date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null;
  const slots = validDate ? await callApi<AvailabilitySlots>(fetch, locals.lang, `${availability}/slots?${query}&date=${validDate}`) : null;
  return {
    location,
    service,
    days: days.ok ? days.data.days : [],
    problem: days.ok ? (slots && !slots.ok ? slots.error.message : null) : days.error.message,
    date: validDate,
    slots: slots?.ok ? slots.data.slots : [],
    notice: url.searchParams.get('notice'),
  };
};
