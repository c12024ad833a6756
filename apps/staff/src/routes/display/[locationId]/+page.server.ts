import { requireRole, workLocation } from '$lib/server/location';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(event.locals, ['display', 'staff', 'admin']);
  const location = await workLocation(event, event.params.locationId);
  // Only the office's name goes to this public screen; the calls arrive over the socket's display view.
  return { location: { id: location.id, name: location.name } };
};
