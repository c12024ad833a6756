import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { dataErasureResponse, dataSubjectQuery, dataSubjectReport, retentionRunsResponse } from '@termin/contracts';
import { t } from '@termin/ui/i18n';
import { dataOrError, type ApiResult } from '@termin/web-kit';
import { subjectOf } from '$lib/server/data-requests';
import { checked, text, validate } from '$lib/server/forms';
import { kit } from '$lib/server/kit';
import type { Actions, PageServerLoad } from './$types';

/*
 * The person is named in the form's body, never in the address bar: the e-mail address goes from
 * this form to this server and on to the API in POST bodies only.
 */

export const load: PageServerLoad = async (event) => ({
  retention: dataOrError(await kit.api(event).get('/api/v1/admin/data-requests/retention-runs', retentionRunsResponse)),
});

type Refused = Extract<ApiResult<unknown>, { ok: false }>;

/** A refused request: the API's message, its field errors on the one field the admin typed into. */
function refusedQuery(action: string, query: string, result: Refused) {
  if (result.status >= 500) error(result.status, result.error.message);
  const fields: Record<string, string> = result.error.fields.length ? { query: result.error.fields[0]!.message } : {};
  return fail(result.status, { action, values: { query }, fields, message: result.error.message, conflict: false });
}

async function search(event: RequestEvent, query: string) {
  return kit.api(event).post('/api/v1/admin/data-requests/search', dataSubjectReport, { body: subjectOf(query) });
}

export const actions: Actions = {
  search: async (event) => {
    const lang = event.locals.lang;
    const query = text(await event.request.formData(), 'query');
    const parsed = validate(lang, dataSubjectQuery, subjectOf(query));
    if (!parsed.ok)
      return fail(400, {
        action: 'search',
        values: { query },
        fields: { query: Object.values(parsed.fields)[0]! } as Record<string, string>,
        message: t(lang, 'admin.formInvalid'),
        conflict: false,
      });
    const result = await search(event, query);
    if (!result.ok) return refusedQuery('search', query, result);
    return { action: 'search', query, report: result.data };
  },

  erase: async (event) => {
    const lang = event.locals.lang;
    const form = await event.request.formData();
    const query = text(form, 'query');
    if (!checked(form, 'confirm')) {
      // Nothing erased: the person's data stays on the page with the question asked again.
      const shown = await search(event, query);
      if (!shown.ok) return refusedQuery('erase', query, shown);
      return fail(400, {
        action: 'erase',
        query,
        report: shown.data,
        values: { query },
        fields: { confirm: t(lang, 'admin.privacy.confirmMissing') } as Record<string, string>,
        message: t(lang, 'admin.formInvalid'),
        conflict: false,
      });
    }
    const result = await kit.api(event).post('/api/v1/admin/data-requests/erase', dataErasureResponse, { body: { subject: subjectOf(query), confirm: true } });
    if (!result.ok) {
      const shown = result.status === 409 ? await search(event, query) : null;
      if (shown?.ok)
        return fail(409, {
          action: 'erase',
          query,
          report: shown.data,
          values: { query },
          fields: {} as Record<string, string>,
          message: result.error.message,
          conflict: false,
        });
      return refusedQuery('erase', query, result);
    }
    return { action: 'erase', erased: result.data };
  },
};
