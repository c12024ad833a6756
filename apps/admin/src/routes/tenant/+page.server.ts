import { adminTenantSettings, adminTenantSettingsUpdate, MAX_LOGO_BYTES } from '@termin/contracts';
import { t } from '@termin/ui/i18n';
import { dataOrError } from '@termin/web-kit';
import { checked, formValues, integer, invalid, optionalText, refused, text, validate } from '$lib/server/forms';
import { versionOf } from '$lib/server/entity-forms';
import { kit } from '$lib/server/kit';
import type { Actions, PageServerLoad } from './$types';

const path = '/api/v1/admin/tenant';

export const load: PageServerLoad = async (event) => ({ tenant: dataOrError(await kit.api(event).get(path, adminTenantSettings)) });

/** The chosen file as the contracts want it: left out when none was chosen, null to remove. */
async function logoInput(form: FormData) {
  if (checked(form, 'logoRemove')) return null;
  const file = form.get('logo');
  if (!(file instanceof File) || file.size === 0) return undefined;
  if (file.size > MAX_LOGO_BYTES) return 'too-large' as const;
  // The type the browser names; the API checks it against the bytes.
  return { contentType: file.type || 'application/octet-stream', base64: Buffer.from(await file.arrayBuffer()).toString('base64') };
}

export const actions: Actions = {
  default: async (event) => {
    const lang = event.locals.lang;
    const form = await event.request.formData();
    const { logo: _file, ...values } = formValues(form);
    const logo = await logoInput(form);
    if (logo === 'too-large') return invalid(lang, values, { logo: t(lang, 'admin.tenant.logoTooLarge') });
    const input = {
      version: versionOf(form),
      name: text(form, 'name'),
      primaryColor: optionalText(form, 'primaryColor'),
      logo,
      bookingHorizonDays: integer(form, 'bookingHorizonDays'),
      minLeadMinutes: integer(form, 'minLeadMinutes'),
      cancellationDeadlineMinutes: integer(form, 'cancellationDeadlineMinutes'),
      maxBookingsPerContactPerDay: integer(form, 'maxBookingsPerContactPerDay'),
      reminderOffsetMinutes: integer(form, 'reminderOffsetMinutes'),
      dataRetentionDays: integer(form, 'dataRetentionDays'),
      // One field, codes separated by commas or spaces ("+49, +43").
      smsCountryCodes: text(form, 'smsCountryCodes')
        .split(/[\s,;]+/)
        .filter(Boolean),
      smsDailyBudget: integer(form, 'smsDailyBudget'),
      bookingChallenge: checked(form, 'bookingChallenge'),
      imprintDe: optionalText(form, 'imprintDe'),
      imprintEn: optionalText(form, 'imprintEn'),
      privacyDe: optionalText(form, 'privacyDe'),
      privacyEn: optionalText(form, 'privacyEn'),
      accessibilityDe: optionalText(form, 'accessibilityDe'),
      accessibilityEn: optionalText(form, 'accessibilityEn'),
      accessibilityContactEmail: optionalText(form, 'accessibilityContactEmail'),
      accessibilityContactAddress: optionalText(form, 'accessibilityContactAddress'),
    };
    const parsed = validate(lang, adminTenantSettingsUpdate, input);
    // A wrong file type or size is the logo field's error, whichever part the schema names; a bad code the codes field's.
    const toForm = (fields: Record<string, string>) =>
      Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.startsWith('logo') ? 'logo' : k.startsWith('smsCountryCodes') ? 'smsCountryCodes' : k, v]));
    if (!parsed.ok) return invalid(lang, values, toForm(parsed.fields));
    const result = await kit.api(event).put(path, adminTenantSettings, { body: parsed.data });
    if (!result.ok) {
      const refusal = refused(lang, result, values);
      refusal.data.fields = toForm(refusal.data.fields);
      return refusal;
    }
    return { action: 'default', saved: true };
  },
};
