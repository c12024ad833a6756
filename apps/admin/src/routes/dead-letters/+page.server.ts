import { error, fail } from '@sveltejs/kit';
import { deadLetterRetryResponse, deadLettersResponse, meResponse } from '@termin/contracts';
import { t } from '@termin/ui/i18n';
import { dataOrError } from '@termin/web-kit';
import { text } from '$lib/server/forms';
import { kit } from '$lib/server/kit';
import type { Actions, PageServerLoad } from './$types';

const retryPath = (id: string) => `/api/v1/admin/dead-letters/${encodeURIComponent(id)}/retry`;

export const load: PageServerLoad = async (event) => {
  const [list, me] = await Promise.all([kit.api(event).get('/api/v1/admin/dead-letters', deadLettersResponse), kit.api(event).get('/api/v1/me', meResponse)]);
  // Each entry's time in the zone of its office.
  const zones = Object.fromEntries((me.ok ? me.data.locations : []).map((l) => [l.id, l.timezone]));
  return { deadLetters: dataOrError(list).deadLetters, zones };
};

export const actions: Actions = {
  retry: async (event) => {
    const result = await kit.api(event).post(retryPath(text(await event.request.formData(), 'id')), deadLetterRetryResponse);
    if (result.ok) return { action: 'retry', retried: 1 };
    if (result.status >= 500) error(result.status, result.error.message);
    return fail(result.status, { action: 'retry', message: result.error.message });
  },

  /** Every entry the admin sees, one after the other, each audited like a single retry. */
  retryAll: async (event) => {
    const lang = event.locals.lang;
    const { deadLetters } = dataOrError(await kit.api(event).get('/api/v1/admin/dead-letters', deadLettersResponse));
    let retried = 0;
    const refusals: string[] = [];
    for (const letter of deadLetters) {
      const result = await kit.api(event).post(retryPath(letter.id), deadLetterRetryResponse);
      if (result.ok) retried += 1;
      else refusals.push(result.error.message);
    }
    if (refusals.length) {
      return fail(409, {
        action: 'retryAll',
        retried,
        message: t(lang, 'admin.deadLetters.retryFailed', { count: refusals.length, message: [...new Set(refusals)].join(' ') }),
      });
    }
    return { action: 'retryAll', retried };
  },
};
