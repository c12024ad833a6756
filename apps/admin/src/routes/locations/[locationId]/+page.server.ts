import { adminLocation, adminLocationUpdate } from '@termin/contracts';
import { loadLocation, loadServices, locationPath } from '$lib/server/admin-api';
import { locationInput, versionOf } from '$lib/server/entity-forms';
import { formValues, invalid, refused, validate } from '$lib/server/forms';
import { kit } from '$lib/server/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({
  location: await loadLocation(event, event.params.locationId),
  services: await loadServices(event),
  created: event.url.searchParams.has('created'),
});

export const actions: Actions = {
  default: async (event) => {
    const lang = event.locals.lang;
    const form = await event.request.formData();
    const values = formValues(form);
    const parsed = validate(lang, adminLocationUpdate, { version: versionOf(form), ...locationInput(form) });
    if (!parsed.ok) return invalid(lang, values, parsed.fields);
    const result = await kit.api(event).put(locationPath(event.params.locationId), adminLocation, { body: parsed.data });
    if (!result.ok) return refused(lang, result, values);
    return { action: 'default', saved: true };
  },
};
