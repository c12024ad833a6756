import { loadAvailability, validDate } from '$lib/server/availability';
import { loadChoice } from '$lib/server/choice';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { params, url } = event;
  const { location, service } = await loadChoice(event, params.locationId, params.serviceId);
  const date = validDate(url.searchParams.get('date'));
  const availability = await loadAvailability(event, { locationId: location.id, serviceId: service.id, timezone: location.timezone, date });
  return { location, service, ...availability, date, notice: url.searchParams.get('notice') };
};
