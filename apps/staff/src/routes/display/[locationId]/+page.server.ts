import { displayBoard } from '@termin/contracts';
import { dataOrError } from '@termin/web-kit';
import { kit } from '$lib/server/kit';
import { requireRole, workLocation } from '$lib/server/location';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(event.locals, ['display', 'staff', 'admin']);
  const location = await workLocation(event, event.params.locationId);
  const board = dataOrError(await kit.api(event).get(`/api/v1/locations/${location.id}/display`, displayBoard));
  // Only the office's name and the board (counts, counter names) go to this public screen; the calls arrive over the socket's display view.
  return { location: { id: location.id, name: location.name }, board };
};
