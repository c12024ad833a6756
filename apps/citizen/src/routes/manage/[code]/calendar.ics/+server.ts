import { error, redirect } from '@sveltejs/kit';
import { recallLookup } from '$lib/server/cookies';
import { fetchCalendar } from '$lib/server/manage-api';
import type { RequestHandler } from './$types';

/**
 * The calendar entry, fetched with the address from the lookup cookie: the API wants it in the
 * query string, which must stay between this server and the API, never in a link of the page.
 */
export const GET: RequestHandler = async (event) => {
  const proof = await recallLookup(event.cookies, event.params.code);
  if (!proof) redirect(303, `/manage/${encodeURIComponent(event.params.code)}`);
  const result = await fetchCalendar(event, proof);
  if (!result.ok) error(404, 'calendar unavailable');
  const res = result.data;
  return new Response(await res.text(), {
    headers: {
      'content-type': res.headers.get('content-type') ?? 'text/calendar; charset=utf-8',
      'content-disposition': res.headers.get('content-disposition') ?? 'attachment; filename="appointment.ics"',
      'cache-control': 'private, no-store',
    },
  });
};
