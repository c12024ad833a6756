import { liveSocketUrl } from '$lib/server/kit';
import { queuePosition } from '$lib/server/manage-api';
import type { PageServerLoad } from './$types';

/**
 * Reached with nothing but the code (the QR code encodes this address), so it shows only what the
 * queue's public position holds: ticket, place, wait and counter; never a name, address or time.
 */
export const load: PageServerLoad = async (event) => {
  const result = await queuePosition(event, event.params.code);
  const position = result.ok ? result.data : null;
  // 404 is "no ticket today": not checked in yet (or an unknown code, which must look the same).
  const problem = !result.ok && result.status !== 404 ? result.error.message : null;
  const finished = position !== null && position.status !== 'WAITING' && position.status !== 'CALLED';
  const autoRefresh = !finished && event.url.searchParams.get('refresh') !== 'off';
  // Where JavaScript runs, a ticket's page follows it over the socket (the code is its only key).
  return { position, problem, autoRefresh, socketUrl: autoRefresh && position ? liveSocketUrl() : null };
};
