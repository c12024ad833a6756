import { error } from '@sveltejs/kit';
import { kit } from '$lib/server/kit';
import { statisticsFilter } from '$lib/server/statistics-filter';
import type { RequestHandler } from './$types';

/** The CSV of the chosen filter, fetched with the admin's token and passed on as the API made it. */
export const GET: RequestHandler = async (event) => {
  const decimal = event.url.searchParams.get('decimal') === 'point' ? 'point' : 'comma';
  const result = await kit.api(event).file('/api/v1/admin/statistics/csv', { query: { ...statisticsFilter(event.url), decimal } });
  if (!result.ok) error(result.status, result.error.message);
  const res = result.data;
  return new Response(await res.arrayBuffer(), {
    headers: {
      'content-type': res.headers.get('content-type') ?? 'text/csv; charset=utf-8',
      'content-disposition': res.headers.get('content-disposition') ?? 'attachment; filename="statistics.csv"',
      'cache-control': 'private, no-store',
    },
  });
};
