import { redirect } from '@sveltejs/kit';
import { adminService, adminServiceCreate } from '@termin/contracts';
import { serviceInput } from '$lib/server/entity-forms';
import { formValues, invalid, refused, text, validate } from '$lib/server/forms';
import { kit } from '$lib/server/kit';
import type { Actions } from './$types';

export const actions: Actions = {
  default: async (event) => {
    const lang = event.locals.lang;
    const form = await event.request.formData();
    const values = formValues(form);
    const parsed = validate(lang, adminServiceCreate, { slug: text(form, 'slug'), ...serviceInput(form) });
    if (!parsed.ok) return invalid(lang, values, parsed.fields);
    const result = await kit.api(event).post('/api/v1/admin/services', adminService, { body: parsed.data });
    if (!result.ok) return refused(lang, result, values);
    redirect(303, `/services/${result.data.id}?created=1`);
  },
};
