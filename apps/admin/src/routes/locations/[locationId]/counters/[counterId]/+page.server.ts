import { error } from '@sveltejs/kit';
import { adminCounter, adminCounterUpdate } from '@termin/contracts';
import { loadCounters, loadLocation, loadServices } from '$lib/server/admin-api';
import { counterInput, versionOf } from '$lib/server/entity-forms';
import { formValues, invalid, refused, validate } from '$lib/server/forms';
import { kit } from '$lib/server/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const location = await loadLocation(event, event.params.locationId);
  const counter = (await loadCounters(event, location.id)).find((c) => c.id === event.params.counterId);
  if (!counter) error(404, 'Not found');
  const services = await loadServices(event);
  return { location, counter, services: services.filter((s) => location.serviceIds.includes(s.id)) };
};

export const actions: Actions = {
  default: async (event) => {
    const lang = event.locals.lang;
    const form = await event.request.formData();
    const values = formValues(form);
    const parsed = validate(lang, adminCounterUpdate, { version: versionOf(form), ...counterInput(form) });
    if (!parsed.ok) return invalid(lang, values, parsed.fields);
    const result = await kit.api(event).put(`/api/v1/admin/counters/${encodeURIComponent(event.params.counterId)}`, adminCounter, { body: parsed.data });
    if (!result.ok) return refused(lang, result, values);
    return { action: 'default', saved: true };
  },
};
