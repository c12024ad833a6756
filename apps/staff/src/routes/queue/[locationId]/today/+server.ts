import { json } from '@sveltejs/kit';
import { todayAppointmentsResponse } from '@termin/contracts';
import { dataOrError } from '@termin/web-kit';
import { kit } from '$lib/server/kit';
import { requireRole } from '$lib/server/location';
import type { RequestHandler } from './$types';

/** Today's appointments alone, for the open dashboard to re-read when the live queue changes. */
export const GET: RequestHandler = async (event) => {
  requireRole(event.locals, ['staff', 'admin']);
  const day = dataOrError(await kit.api(event).get(`/api/v1/locations/${event.params.locationId}/appointments/today`, todayAppointmentsResponse));
  return json(day, { headers: { 'cache-control': 'no-store' } });
};
