import { error } from '@sveltejs/kit';
import { statisticsResponse } from '@termin/contracts';
import { kit } from '$lib/server/kit';
import { loadLocations, loadServices } from '$lib/server/admin-api';
import { statisticsFilter } from '$lib/server/statistics-filter';
import type { PageServerLoad } from './$types';

/** The statistics of the chosen filter (a GET form, so it works without JavaScript and the address can be bookmarked). */
export const load: PageServerLoad = async (event) => {
  const filter = statisticsFilter(event.url);
  const [locations, services, result] = await Promise.all([
    loadLocations(event),
    loadServices(event),
    kit.api(event).get('/api/v1/admin/statistics', statisticsResponse, { query: filter }),
  ]);
  if (!result.ok && result.status >= 500) error(result.status, result.error.message);
  if (!result.ok && result.status !== 400) error(result.status, result.error.message);
  return {
    filter,
    locations: locations.map((l) => ({ id: l.id, name: l.name })),
    services: services.map((s) => ({ id: s.id, nameDe: s.nameDe, nameEn: s.nameEn })),
    stats: result.ok ? result.data : null,
    problem: result.ok ? null : { message: result.error.message, fields: Object.fromEntries(result.error.fields.map((f) => [f.field, f.message])) },
  };
};
