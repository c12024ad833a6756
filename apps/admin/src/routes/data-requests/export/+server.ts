import { error } from '@sveltejs/kit';
import { dataSubjectReport } from '@termin/contracts';
import { subjectOf } from '$lib/server/data-requests';
import { kit } from '$lib/server/kit';
import type { RequestHandler } from './$types';

/** The export as a file to hand to the person (DSGVO Art. 15): a plain form posts here, so it works without JavaScript. */
export const POST: RequestHandler = async (event) => {
  const query = String((await event.request.formData()).get('query') ?? '');
  const result = await kit.api(event).post('/api/v1/admin/data-requests/export', dataSubjectReport, { body: subjectOf(query) });
  if (!result.ok) error(result.status, result.error.message);
  return new Response(`${JSON.stringify(result.data, null, 2)}\n`, {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="data-export-${result.data.generatedAt.slice(0, 10)}.json"`,
      'cache-control': 'no-store',
    },
  });
};
