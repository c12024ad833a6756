import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { adminOpeningHours, adminOpeningHoursSaved, adminOpeningHoursUpdate, adminSlotPreview, adminSlotPreviewRequest, type AdminSlotPreview } from '@termin/contracts';
import { t } from '@termin/ui/i18n';
import { dataOrError } from '@termin/web-kit';
import { loadLocation, locationPath } from '$lib/server/admin-api';
import { versionOf } from '$lib/server/entity-forms';
import { checked, formValues, integer, refused, text, validate, type FieldErrors, type FormValues } from '$lib/server/forms';
import { kit } from '$lib/server/kit';
import { localToday, schedulesFromForm } from '$lib/server/schedule-form';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
  const location = await loadLocation(event, event.params.locationId);
  const hours = dataOrError(await kit.api(event).get(`${locationPath(location.id)}/opening-hours`, adminOpeningHours));
  return { location, hours, previewFrom: localToday(location.timezone), previewTo: localToday(location.timezone, 6) };
};

const answer = (
  status: number,
  body: {
    values: FormValues;
    fields?: FieldErrors;
    message?: string;
    conflict?: boolean;
    preview?: AdminSlotPreview;
    affected?: AdminSlotPreview['affected'];
    saved?: boolean;
    kept?: number;
  },
) => (status >= 400 ? fail(status, { action: 'hours', fields: {}, ...body }) : { action: 'hours', fields: {}, ...body });

async function readForm(event: RequestEvent) {
  const form = await event.request.formData();
  const blocks = Math.min(Math.max(integer(form, 'blocks') ?? 1, 1), 21);
  return { form, values: formValues(form), ...schedulesFromForm(form, blocks) };
}

async function preview(event: RequestEvent, body: z.infer<typeof adminSlotPreviewRequest>) {
  return kit.api(event).post(`${locationPath(event.params.locationId)}/opening-hours/preview`, adminSlotPreview, { body });
}

export const actions: Actions = {
  preview: async (event) => {
    const lang = event.locals.lang;
    const { form, values, schedules, mapFields } = await readForm(event);
    const parsed = validate(lang, adminSlotPreviewRequest, { schedules, from: text(form, 'from'), to: text(form, 'to') });
    if (!parsed.ok) return answer(400, { values, fields: mapFields(parsed.fields), message: t(lang, 'admin.formInvalid') });
    const result = await preview(event, parsed.data);
    if (!result.ok) {
      if (result.status >= 500) error(result.status, result.error.message);
      const refusal = refused(lang, result, values);
      return answer(result.status, { values, fields: mapFields(refusal.data.fields), message: refusal.data.message });
    }
    return answer(200, { values, preview: result.data });
  },

  save: async (event) => {
    const lang = event.locals.lang;
    const { form, values, schedules, mapFields } = await readForm(event);
    const body = { version: versionOf(form), schedules, keepAffectedBookings: checked(form, 'keepAffectedBookings') };
    const parsed = validate(lang, adminOpeningHoursUpdate, body);
    if (!parsed.ok) return answer(400, { values, fields: mapFields(parsed.fields), message: t(lang, 'admin.formInvalid') });
    const result = await kit.api(event).put(`${locationPath(event.params.locationId)}/opening-hours`, adminOpeningHoursSaved, { body: parsed.data });
    if (result.ok) return answer(200, { values: {}, saved: true, kept: result.data.affected.length });
    const refusal = refused(lang, result, values);
    if (result.status === 409 && result.error.code === 'rule_change_hits_bookings') {
      // The appointments the change would hit, listed before anything is saved.
      const location = await loadLocation(event, event.params.locationId);
      const hit = await preview(event, { schedules: parsed.data.schedules, from: localToday(location.timezone), to: localToday(location.timezone, 365) });
      return answer(409, { values, message: refusal.data.message, affected: hit.ok ? hit.data.affected : [] });
    }
    return answer(result.status, { values, fields: mapFields(refusal.data.fields), message: refusal.data.message, conflict: refusal.data.conflict });
  },
};
