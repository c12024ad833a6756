import { redirect } from '@sveltejs/kit';
import { adminLocation, adminLocationCreate } from '@termin/contracts';
import { loadServices } from '$lib/server/admin-api';
import { locationInput } from '$lib/server/entity-forms';
import { formValues, invalid, refused, text, validate } from '$lib/server/forms';
import { kit } from '$lib/server/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({ services: await loadServices(event) });

export const actions: Actions = {
  default: async (event) => {
    const lang = event.locals.lang;
    const form = await event.request.formData();
    const values = formValues(form);
    const parsed = validate(lang, adminLocationCreate, { slug: text(form, 'slug'), ...locationInput(form) });
    if (!parsed.ok) return invalid(lang, values, parsed.fields);
    const result = await kit.api(event).post('/api/v1/admin/locations', adminLocation, { body: parsed.data });
    if (!result.ok) return refused(lang, result, values);
    redirect(303, `/locations/${result.data.id}?created=1`);
  },
};
