import { adminService, adminServiceUpdate } from '@termin/contracts';
import { dataOrError } from '@termin/web-kit';
import { serviceInput, versionOf } from '$lib/server/entity-forms';
import { formValues, invalid, refused, validate } from '$lib/server/forms';
import { kit } from '$lib/server/kit';
import type { Actions, PageServerLoad } from './$types';

const servicePath = (id: string) => `/api/v1/admin/services/${encodeURIComponent(id)}`;

export const load: PageServerLoad = async (event) => ({
  service: dataOrError(await kit.api(event).get(servicePath(event.params.serviceId), adminService)),
  created: event.url.searchParams.has('created'),
});

export const actions: Actions = {
  default: async (event) => {
    const lang = event.locals.lang;
    const form = await event.request.formData();
    const values = formValues(form);
    const parsed = validate(lang, adminServiceUpdate, { version: versionOf(form), ...serviceInput(form) });
    if (!parsed.ok) return invalid(lang, values, parsed.fields);
    const result = await kit.api(event).put(servicePath(event.params.serviceId), adminService, { body: parsed.data });
    if (!result.ok) return refused(lang, result, values);
    return { action: 'default', saved: true };
  },
};
