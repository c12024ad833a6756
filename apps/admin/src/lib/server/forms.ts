import { error, fail } from '@sveltejs/kit';
import type { z } from 'zod';
import { contrastWithWhite } from '@termin/contracts';
import type { ApiResult } from '@termin/web-kit';
import { t, type Lang, type MessageKey } from '@termin/ui/i18n';

/** What the visitor typed, as it came: text fields by name, the service checkboxes as a list. */
export type FormValues = Record<string, string | string[]>;
/** Field name (the API's body path, e.g. `schedules.0.intervals.1.closes`) → message. */
export type FieldErrors = Record<string, string>;

export function formValues(form: FormData): FormValues {
  const values: FormValues = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).map(String);
    values[key] = key === 'serviceIds' ? all : (all[0] ?? '');
  }
  return values;
}

export const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
/** Empty is null: the contracts' "not set". */
export const optionalText = (form: FormData, name: string) => text(form, name) || null;
export const checked = (form: FormData, name: string) => form.get(name) === 'on';
/** Empty is undefined (the schema says "required"); anything not a number is NaN (the schema says so). */
export const integer = (form: FormData, name: string): number | undefined => {
  const raw = text(form, name);
  return raw === '' ? undefined : /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
};
export const optionalInteger = (form: FormData, name: string): number | null => integer(form, name) ?? null;
/** Euros as typed in Germany or England (12,50 or 12.50) to cents; empty is null. */
export const euroCents = (form: FormData, name: string): number | null => {
  const raw = text(form, name).replace(',', '.');
  if (raw === '') return null;
  return /^\d+(\.\d{1,2})?$/.test(raw) ? Math.round(Number(raw) * 100) : Number.NaN;
};

const formatHints: [RegExp, MessageKey][] = [
  [/(^|\.)slug$/, 'admin.field.slug'],
  [/(^|\.)ticketPrefix$/, 'admin.field.prefix'],
  [/(^|\.)(date|endDate|validFrom|from|to)$/, 'admin.field.date'],
  [/(^|\.)(opens|closes)$/, 'admin.field.time'],
  [/^confirm$/, 'admin.field.confirm'],
  [/(^|\.)primaryColor$/, 'admin.field.color'],
  [/Email$/, 'admin.field.email'],
  [/^logo(\.|$)/, 'admin.tenant.logoType'],
];

/** The value an issue is about (zod does not report it by default). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = value != null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

function issueMessage(lang: Lang, field: string, issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined || value === null) return t(lang, 'admin.field.required');
      return t(lang, issue.expected === 'number' || issue.expected === 'int' ? 'admin.field.number' : 'admin.field.invalid');
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return t(lang, 'admin.field.required');
      return t(lang, 'admin.field.min', { min: String(issue.minimum) });
    case 'too_big':
      return t(lang, issue.origin === 'string' ? 'admin.field.tooLong' : 'admin.field.max', { max: String(issue.maximum) });
    default: {
      // The contrast refinement: say how far off the colour is.
      if (issue.code === 'custom' && field === 'primaryColor' && typeof value === 'string') {
        const ratio = contrastWithWhite(value).toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 2 });
        return t(lang, 'admin.tenant.contrast', { ratio });
      }
      const hint = formatHints.find(([pattern]) => pattern.test(field));
      return t(lang, hint ? hint[1] : 'admin.field.invalid');
    }
  }
}

/** Checks the input with the shared contract before anything is sent; the first problem per field is shown. */
export function validate<S extends z.ZodType>(lang: Lang, schema: S, input: unknown): { ok: true; data: z.infer<S> } | { ok: false; fields: FieldErrors } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fields: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.join('.');
    fields[field] ??= issueMessage(lang, field, issue, valueAt(input, issue.path));
  }
  return { ok: false, fields };
}

/** A form refused on this server: the field errors and what was typed, nothing sent. */
export function invalid(lang: Lang, values: FormValues, fields: FieldErrors, action = 'default') {
  return fail(400, { action, values, fields, message: t(lang, 'admin.formInvalid'), conflict: false });
}

/**
 * A form the API refused: its field errors (same names as the form's), what was typed, and for a
 * stale version the message that someone else saved first. A 5xx is the error page.
 */
export function refused(lang: Lang, result: Extract<ApiResult<unknown>, { ok: false }>, values: FormValues, action = 'default') {
  if (result.status >= 500) error(result.status, result.error.message);
  const conflict = result.status === 409 && result.error.code === 'version_conflict';
  const fields: FieldErrors = {};
  for (const f of result.error.fields) fields[f.field] ??= f.message;
  return fail(result.status, { action, values, fields, message: conflict ? t(lang, 'admin.versionConflict') : result.error.message, conflict });
}
