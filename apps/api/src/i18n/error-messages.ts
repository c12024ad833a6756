import type { Lang } from './language';

type Params = Record<string, string | number | boolean>;
type Catalogue = Record<string, (p: Params) => string>;

// Error codes are stable API; the messages are what a citizen reads, so they say what to do next.
const de: Catalogue = {
  validation_failed: () => 'Bitte prüfen Sie Ihre Eingaben.',
  not_found: () => 'Das Gesuchte wurde nicht gefunden.',
  route_not_found: () => 'Diese Adresse gibt es nicht.',
  conflict: () => 'Die Änderung widerspricht dem aktuellen Stand. Bitte laden Sie neu.',
  forbidden: () => 'Dafür fehlt Ihnen die Berechtigung.',
  unauthorized: () => 'Bitte melden Sie sich an.',
  gone: () => 'Dies ist nicht mehr verfügbar.',
  rate_limited: (p) => `Zu viele Anfragen. Bitte versuchen Sie es in ${p.seconds} Sekunden erneut.`,
  payload_too_large: () => 'Die Anfrage ist zu groß.',
  unsupported_media_type: () => 'Dieses Datenformat wird nicht unterstützt.',
  bad_request: () => 'Die Anfrage ist ungültig.',
  internal: () => 'Ein interner Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.',
  service_unavailable: () => 'Der Dienst ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.',
  invalid_token: () => 'Ihre Anmeldung ist ungültig oder abgelaufen. Bitte melden Sie sich erneut an.',
  role_forbidden: () => 'Ihre Rolle erlaubt diese Aktion nicht.',
  tenant_unknown: () => 'Ihr Konto ist keiner bekannten Kommune zugeordnet.',
  location_not_found: () => 'Dieser Standort wurde nicht gefunden.',
  dead_letter_not_found: () => 'Dieser fehlgeschlagene Auftrag wurde nicht gefunden oder bereits erneut gestartet.',
  // field-level
  field_required: () => 'Pflichtfeld',
  field_invalid: () => 'Ungültiger Wert',
  field_too_long: (p) => `Höchstens ${p.maximum} Zeichen`,
  field_too_short: (p) => `Mindestens ${p.minimum} Zeichen`,
  field_too_big: (p) => `Höchstens ${p.maximum}`,
  field_too_small: (p) => `Mindestens ${p.minimum}`,
  field_email: () => 'Bitte geben Sie eine gültige E-Mail-Adresse an',
  field_unknown: () => 'Dieses Feld ist nicht vorgesehen',
};

const en: Catalogue = {
  validation_failed: () => 'Please check your input.',
  not_found: () => 'We could not find what you were looking for.',
  route_not_found: () => 'This address does not exist.',
  conflict: () => 'This change conflicts with the current state. Please reload.',
  forbidden: () => 'You are not allowed to do this.',
  unauthorized: () => 'Please sign in.',
  gone: () => 'This is no longer available.',
  rate_limited: (p) => `Too many requests. Please try again in ${p.seconds} seconds.`,
  payload_too_large: () => 'The request is too large.',
  unsupported_media_type: () => 'This data format is not supported.',
  bad_request: () => 'The request is invalid.',
  internal: () => 'An internal error occurred. Please try again later.',
  service_unavailable: () => 'The service is unavailable right now. Please try again shortly.',
  invalid_token: () => 'Your sign-in is invalid or has expired. Please sign in again.',
  role_forbidden: () => 'Your role does not allow this action.',
  tenant_unknown: () => 'Your account is not assigned to a known municipality.',
  location_not_found: () => 'This location was not found.',
  dead_letter_not_found: () => 'This failed job was not found or has already been retried.',
  field_required: () => 'Required',
  field_invalid: () => 'Invalid value',
  field_too_long: (p) => `At most ${p.maximum} characters`,
  field_too_short: (p) => `At least ${p.minimum} characters`,
  field_too_big: (p) => `At most ${p.maximum}`,
  field_too_small: (p) => `At least ${p.minimum}`,
  field_email: () => 'Please enter a valid email address',
  field_unknown: () => 'This field is not expected',
};

const catalogues: Record<Lang, Catalogue> = { de, en };

export function translate(lang: Lang, code: string, params: Params = {}): string {
  const message = catalogues[lang][code] ?? catalogues[lang][fallbackFor(code)];
  return message ? message(params) : code;
}

function fallbackFor(code: string): string {
  return code.startsWith('field_') ? 'field_invalid' : 'bad_request';
}
