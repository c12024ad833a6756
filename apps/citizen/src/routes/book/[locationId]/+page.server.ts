import { error } from '@sveltejs/kit';
import type { PublicLocation, PublicService } from '@termin/contracts';
import { callApi, tenantSlug } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals, params }) => {
  const base = `/api/v1/tenants/${tenantSlug()}/locations`;
  const [locations, services] = await Promise.all([
    callApi<PublicLocation[]>(fetch, locals.lang, base),
    callApi<PublicService[]>(fetch, locals.lang, `${base}/${params.locationId}/services`),
  ]);
  const location = locations.ok ? locations.data.find((l) => l.id === params.locationId) : undefined;
  if (!services.ok || !location) error(services.ok ? 404 : services.status, services.ok ? 'not found' : services.error.message);
  return { location, services: services.data };
};
