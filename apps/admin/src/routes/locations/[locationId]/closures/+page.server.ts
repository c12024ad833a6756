import { adminClosureCreate, adminClosureCreated, adminClosureList, adminEmergencyClosure, adminEmergencyClosureRequest, adminNoContent } from '@termin/contracts';
import { t } from '@termin/ui/i18n';
import { dataOrError } from '@termin/web-kit';
import { loadLocation, locationPath } from '$lib/server/admin-api';
import { checked, formValues, invalid, optionalText, refused, text, validate } from '$lib/server/forms';
import { kit } from '$lib/server/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const location = await loadLocation(event, event.params.locationId);
  const { closures } = dataOrError(await kit.api(event).get(`${locationPath(location.id)}/closures`, adminClosureList));
  return { location, closures };
};

export const actions: Actions = {
  add: async (event) => {
    const lang = event.locals.lang;
    const form = await event.request.formData();
    const values = formValues(form);
    const parsed = validate(lang, adminClosureCreate, {
      date: text(form, 'date'),
      endDate: optionalText(form, 'endDate'),
      reason: text(form, 'reason'),
      reasonEn: optionalText(form, 'reasonEn'),
    });
    if (!parsed.ok) return invalid(lang, values, parsed.fields, 'add');
    const result = await kit.api(event).post(`${locationPath(event.params.locationId)}/closures`, adminClosureCreated, { body: parsed.data });
    if (!result.ok) return refused(lang, result, values, 'add');
    return { action: 'add', created: true, kept: result.data.affected.length };
  },

  remove: async (event) => {
    const lang = event.locals.lang;
    const form = await event.request.formData();
    const result = await kit.api(event).delete(`/api/v1/admin/closures/${encodeURIComponent(text(form, 'closureId'))}`, adminNoContent);
    if (!result.ok) return refused(lang, result, {}, 'remove');
    return { action: 'remove', deleted: true };
  },

  emergency: async (event) => {
    const lang = event.locals.lang;
    const form = await event.request.formData();
    const values = formValues(form);
    // An unticked box is sent as false, so the contract names the missing confirmation by its field.
    const parsed = validate(lang, adminEmergencyClosureRequest, {
      confirm: checked(form, 'confirm'),
      reason: text(form, 'reason'),
      reasonEn: optionalText(form, 'reasonEn'),
    });
    if (!parsed.ok) return invalid(lang, values, parsed.fields, 'emergency');
    const result = await kit.api(event).post(`${locationPath(event.params.locationId)}/emergency-closure`, adminEmergencyClosure, { body: parsed.data });
    if (!result.ok) return refused(lang, result, values, 'emergency');
    return { action: 'emergency', done: t(lang, 'admin.emergency.done', { count: result.data.cancelled.length }) };
  },
};
