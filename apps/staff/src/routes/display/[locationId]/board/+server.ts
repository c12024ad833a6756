import { json } from '@sveltejs/kit';
import { displayBoard } from '@termin/contracts';
import { dataOrError } from '@termin/web-kit';
import { kit } from '$lib/server/kit';
import { requireRole } from '$lib/server/location';
import type { RequestHandler } from './$types';

/** The display's board (its settings, the number waiting, the estimated wait), re-read after every change and reconnect. */
export const GET: RequestHandler = async (event) => {
  requireRole(event.locals, ['display', 'staff', 'admin']);
  const board = dataOrError(await kit.api(event).get(`/api/v1/locations/${event.params.locationId}/display`, displayBoard));
  return json(board, { headers: { 'cache-control': 'no-store' } });
};
