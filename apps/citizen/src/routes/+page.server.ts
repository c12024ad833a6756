import { publicLocationList } from '@termin/contracts';
import { kit, tenantSlug } from '$lib/server/kit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const result = await kit.api(event).get(`/api/v1/tenants/${tenantSlug(event)}/locations`, publicLocationList);
  return result.ok ? { locations: result.data, problem: null } : { locations: [], problem: result.error.message };
};
