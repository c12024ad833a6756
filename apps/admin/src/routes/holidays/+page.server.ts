import { adminHoliday, adminHolidayCreate, adminHolidayList, adminNoContent } from '@termin/contracts';
import { dataOrError } from '@termin/web-kit';
import { formValues, invalid, refused, text, validate } from '$lib/server/forms';
import { kit } from '$lib/server/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const asked = Number(event.url.searchParams.get('year'));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : new Date().getUTCFullYear();
  return { year, list: dataOrError(await kit.api(event).get('/api/v1/admin/holidays', adminHolidayList, { query: { year: String(year) } })) };
};

export const actions: Actions = {
  add: async (event) => {
    const lang = event.locals.lang;
    const form = await event.request.formData();
    const values = formValues(form);
    const parsed = validate(lang, adminHolidayCreate, { date: text(form, 'date'), nameDe: text(form, 'nameDe'), nameEn: text(form, 'nameEn') });
    if (!parsed.ok) return invalid(lang, values, parsed.fields, 'add');
    const result = await kit.api(event).post('/api/v1/admin/holidays', adminHoliday, { body: parsed.data });
    if (!result.ok) return refused(lang, result, values, 'add');
    return { action: 'add', created: true };
  },
  remove: async (event) => {
    const lang = event.locals.lang;
    const form = await event.request.formData();
    const result = await kit.api(event).delete(`/api/v1/admin/holidays/${encodeURIComponent(text(form, 'holidayId'))}`, adminNoContent);
    if (!result.ok) return refused(lang, result, {}, 'remove');
    return { action: 'remove', deleted: true };
  },
};
