import { error, type RequestEvent } from '@sveltejs/kit';
import { publicLocationList, publicServiceList } from '@termin/contracts';
import { kit, tenantSlug } from './kit';

/** The offices of the portal's municipality and the services of one of them, asked at once. */
export async function locationAndServices(event: RequestEvent, locationId: string) {
  const api = kit.api(event);
  const base = `/api/v1/tenants/${tenantSlug(event)}/locations`;
  return Promise.all([api.get(base, publicLocationList), api.get(`${base}/${encodeURIComponent(locationId)}/services`, publicServiceList)]);
}

/** The office and service of a booking step, both checked against the API (404 for made-up ids). */
export async function loadChoice(event: RequestEvent, locationId: string, serviceId: string) {
  const [locations, services] = await locationAndServices(event, locationId);
  if (!locations.ok) error(locations.status, locations.error.message);
  if (!services.ok) error(services.status === 400 ? 404 : services.status, services.error.message);
  const location = locations.data.find((l) => l.id === locationId);
  const service = services.data.find((s) => s.id === serviceId);
  if (!location || !service) error(404, 'not found');
  return { location, service };
}
