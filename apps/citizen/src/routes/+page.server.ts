import type { PublicLocation } from '@termin/contracts';
import { callApi, tenantSlug } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals }) => {
  const result = await callApi<PublicLocation[]>(fetch, locals.lang, `/api/v1/tenants/${tenantSlug()}/locations`);
  return result.ok ? { locations: result.data, problem: null } : { locations: [], problem: result.error.message };
};
