import { error } from '@sveltejs/kit';
import { locationAndServices } from '$lib/server/choice';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const [locations, services] = await locationAndServices(event, event.params.locationId);
  const location = locations.ok ? locations.data.find((l) => l.id === event.params.locationId) : undefined;
  if (!services.ok) error(services.status, services.error.message);
  if (!location) error(404, 'not found');
  return { location, services: services.data };
};
