import { error, redirect } from '@sveltejs/kit';
import { fetchCalendar } from '$lib/server/manage-api';
import { recallLookup } from '$lib/server/manage-cookie';
import type { RequestHandler } from './$types';

/**
 * The calendar entry, fetched with the address from the lookup cookie: the API wants it in the
 * query string, which must stay between this server and the API, never in a link of the page.
 */
export const GET: RequestHandler = async ({ params, cookies, fetch, locals }) => {
  const proof = recallLookup(cookies, params.code);
  if (!proof) redirect(303, `/manage/${encodeURIComponent(params.code)}`);
  const res = await fetchCalendar(fetch, locals.lang, proof);
  if (!res) error(404, 'calendar unavailable');
  return new Response(await res.text(), {
    headers: {
      'content-type': res.headers.get('content-type') ?? 'text/calendar; charset=utf-8',
      'content-disposition': res.headers.get('content-disposition') ?? 'attachment; filename="appointment.ics"',
      'cache-control': 'private, no-store',
    },
  });
};
