import { adminOverview } from '@termin/contracts';
import { kit } from '$lib/server/kit';
import { loadLocations, rolesOf } from '$lib/server/admin-api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const home = await kit.signedInHome(event);
  const roles = rolesOf(event);
  if (!event.locals.session || event.locals.forbidden || !roles.admin) return { ...home, roles, offices: [], overview: null };
  const [offices, overview] = await Promise.all([loadLocations(event), kit.api(event).get('/api/v1/admin/overview', adminOverview)]);
  // The figures are a help, not the page: without them the offices are still listed.
  return { ...home, roles, offices, overview: overview.ok ? overview.data : null };
};
