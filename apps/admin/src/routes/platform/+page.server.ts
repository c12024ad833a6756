import { error } from '@sveltejs/kit';
import { platformTenant, platformTenantCreate, platformTenantList } from '@termin/contracts';
import { t } from '@termin/ui/i18n';
import { dataOrError } from '@termin/web-kit';
import { rolesOf } from '$lib/server/admin-api';
import { formValues, invalid, refused, text, validate } from '$lib/server/forms';
import { kit } from '$lib/server/kit';
import type { Actions, PageServerLoad } from './$types';

const path = '/api/v1/platform/tenants';

export const load: PageServerLoad = async (event) => {
  // Only the platform's operator; a municipality's admin gets the same 403 the API would give.
  if (!rolesOf(event).platform) error(403, t(event.locals.lang, 'auth.forbiddenTitle'));
  return { tenants: dataOrError(await kit.api(event).get(path, platformTenantList)).tenants, created: event.url.searchParams.get('created') };
};

export const actions: Actions = {
  default: async (event) => {
    const lang = event.locals.lang;
    const form = await event.request.formData();
    const values = formValues(form);
    const parsed = validate(lang, platformTenantCreate, {
      slug: text(form, 'slug'),
      name: text(form, 'name'),
      holidayState: text(form, 'holidayState'),
      timezone: text(form, 'timezone'),
    });
    if (!parsed.ok) return invalid(lang, values, parsed.fields);
    const result = await kit.api(event).post(path, platformTenant, { body: parsed.data });
    if (!result.ok) return refused(lang, result, values);
    return { action: 'default', createdName: result.data.name };
  },
};
