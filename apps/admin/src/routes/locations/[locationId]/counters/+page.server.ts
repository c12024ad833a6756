import { adminCounter, adminCounterCreate } from '@termin/contracts';
import { loadCounters, loadLocation, loadServices, locationPath } from '$lib/server/admin-api';
import { counterInput } from '$lib/server/entity-forms';
import { formValues, invalid, refused, validate } from '$lib/server/forms';
import { kit } from '$lib/server/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const location = await loadLocation(event, event.params.locationId);
  const services = await loadServices(event);
  return {
    location,
    counters: await loadCounters(event, location.id),
    // A counter can serve only what its location offers.
    services: services.filter((s) => location.serviceIds.includes(s.id)),
  };
};

export const actions: Actions = {
  default: async (event) => {
    const lang = event.locals.lang;
    const form = await event.request.formData();
    const values = formValues(form);
    const parsed = validate(lang, adminCounterCreate, counterInput(form));
    if (!parsed.ok) return invalid(lang, values, parsed.fields);
    const result = await kit.api(event).post(`${locationPath(event.params.locationId)}/counters`, adminCounter, { body: parsed.data });
    if (!result.ok) return refused(lang, result, values);
    return { action: 'default', created: result.data.name };
  },
};
