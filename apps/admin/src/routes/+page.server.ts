import { kit } from '$lib/server/kit';
import { loadLocations } from '$lib/server/admin-api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const home = await kit.signedInHome(event);
  if (!event.locals.session || event.locals.forbidden) return { ...home, offices: [] };
  return { ...home, offices: await loadLocations(event) };
};
