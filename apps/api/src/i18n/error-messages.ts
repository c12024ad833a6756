import type { Lang } from './language';
import { adminDe, adminEn } from './admin-error-messages';
import { privacyDe, privacyEn } from './privacy-error-messages';
import { workstationDe, workstationEn } from './workstation-error-messages';
import { backofficeDe, backofficeEn } from './backoffice-error-messages';

type Params = Record<string, string | number | boolean>;
type Catalogue = Record<string, (p: Params) => string>;

/** A wait of up to a day, in the unit a reader expects: minutes up to two hours, hours beyond. */
function waitIn(lang: 'de' | 'en', minutes: number): string {
  if (minutes <= 120) return lang === 'de' ? `${minutes} Minuten` : `${minutes} minutes`;
  const hours = Math.ceil(minutes / 60);
  return lang === 'de' ? `${hours} Stunden` : `${hours} hours`;
}

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
  booking_budget_exceeded: (p) =>
    `Von Ihrem Internetanschluss wurden in letzter Zeit schon sehr viele Termine gebucht. Bitte versuchen Sie es in ${waitIn('de', Number(p.minutes))} erneut oder wenden Sie sich telefonisch an das Amt.`,
  booking_challenge_required: () =>
    'Heute werden besonders viele Termine gebucht. Bitte laden Sie das Formular neu und senden Sie es nach der kurzen Sicherheitsprüfung ab.',
  booking_challenge_invalid: () =>
    'Die Sicherheitsprüfung des Formulars ist abgelaufen oder wurde schon verwendet. Bitte laden Sie das Formular neu und senden Sie es noch einmal ab.',
  booking_challenge_wait: (p) => `Bitte warten Sie noch ${p.seconds} Sekunden und senden Sie das Formular dann noch einmal ab.`,
  payload_too_large: () => 'Die Anfrage ist zu groß.',
  unsupported_media_type: () => 'Dieses Datenformat wird nicht unterstützt.',
  bad_request: () => 'Die Anfrage ist ungültig.',
  internal: () => 'Ein interner Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.',
  service_unavailable: () => 'Der Dienst ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.',
  invalid_token: () => 'Ihre Anmeldung ist ungültig oder abgelaufen. Bitte melden Sie sich erneut an.',
  token_expired: () => 'Ihre Anmeldung ist abgelaufen. Die Anzeige verbindet sich mit einer erneuerten Anmeldung neu.',
  role_forbidden: () => 'Ihre Rolle erlaubt diese Aktion nicht.',
  tenant_unknown: () => 'Ihr Konto ist keiner bekannten Kommune zugeordnet.',
  location_not_found: () => 'Dieser Standort wurde nicht gefunden.',
  appointment_not_found: () => 'Dieser Termin wurde nicht gefunden. Bitte prüfen Sie den Buchungscode.',
  checkin_wrong_location: () => 'Ihr Termin ist an einem anderen Standort. Bitte melden Sie sich dort an.',
  checkin_refused: () =>
    'Mit diesem Code ist hier gerade keine Anmeldung möglich. Sind Sie schon angemeldet, bleibt Ihre Wartenummer gültig; sonst prüfen Sie Ort und Uhrzeit in Ihrer Terminbestätigung oder fragen Sie am Empfang.',
  self_checkin_off: () => 'An diesem Standort melden Sie sich bitte am Empfang oder am Terminal an.',
  checkin_already_done: () => 'Sie sind für diesen Termin bereits angemeldet. Ihre Wartenummer bleibt gültig.',
  checkin_not_possible: () => 'Für diesen Termin ist keine Anmeldung möglich (nicht bestätigt, abgesagt oder abgeschlossen).',
  checkin_too_early: (p) => `Die Anmeldung ist frühestens ${p.minutes} Minuten vor Ihrem Termin möglich, ab ${p.time} Uhr.`,
  checkin_too_late: (p) => `Ihr Termin hat vor mehr als ${p.minutes} Minuten begonnen. Bitte wenden Sie sich an den Empfang.`,
  service_not_offered: () => 'Diese Dienstleistung wird an diesem Standort nicht angeboten.',
  counter_not_found: () => 'Dieser Schalter wurde nicht gefunden oder ist nicht geöffnet.',
  queue_entry_not_found: () => 'Diese Wartenummer wurde nicht gefunden.',
  queue_entry_wrong_status: () => 'Die Wartenummer wurde inzwischen anderweitig bearbeitet. Bitte laden Sie die Warteschlange neu.',
  queue_busy: () => 'Gerade rufen viele Schalter gleichzeitig auf. Bitte versuchen Sie es noch einmal.',
  queue_position_not_found: () => 'Zu diesem Buchungscode gibt es heute keine Wartenummer. Bitte melden Sie sich zuerst an.',
  dead_letter_not_found: () => 'Dieser fehlgeschlagene Auftrag wurde nicht gefunden oder bereits erneut gestartet.',
  booking_not_found: () => 'Zu diesem Buchungscode und dieser E-Mail-Adresse gibt es keinen Termin. Bitte prüfen Sie beides.',
  booking_code_invalid: () => 'Das ist kein gültiger Buchungscode. Er hat 16 Zeichen, z. B. 7K3M-Q9XA-T2BC-0PRE.',
  booking_not_cancellable: () => 'Dieser Termin kann nicht mehr abgesagt werden (bereits abgesagt, wahrgenommen oder abgeschlossen).',
  booking_not_reschedulable: () => 'Dieser Termin kann nicht mehr verschoben werden (abgesagt, wahrgenommen oder abgeschlossen).',
  booking_changed: () => 'Ihr Termin wurde gerade anderweitig geändert. Bitte laden Sie die Seite neu.',
  cancellation_deadline_passed: (p) => `Termine können nur bis ${p.minutes} Minuten vor Beginn abgesagt oder verschoben werden. Bitte rufen Sie uns an.`,
  slot_not_available: () => 'Zu diesem Zeitpunkt werden keine Termine angeboten. Bitte wählen Sie einen Zeitpunkt aus der Liste.',
  slot_too_soon: (p) => `Termine können frühestens ${p.minutes} Minuten im Voraus gebucht werden.`,
  slot_beyond_horizon: (p) => `Termine können höchstens ${p.days} Tage im Voraus gebucht werden.`,
  reschedule_same_time: () => 'Ihr Termin liegt bereits zu diesem Zeitpunkt.',
  // booking: offices, free times, booking
  tenant_not_found: () => 'Diese Kommune wurde nicht gefunden. Bitte prüfen Sie die Adresse.',
  service_not_found: () => 'Diese Dienstleistung wurde nicht gefunden.',
  invalid_date_range: () => 'Der Zeitraum ist ungültig. Bitte wählen Sie höchstens drei Monate, das Ende nach dem Anfang.',
  slot_not_found: () => 'Zu dieser Uhrzeit gibt es keinen Termin. Bitte wählen Sie eine angebotene Zeit.',
  slot_full: () => 'Dieser Termin ist inzwischen vergeben. Bitte wählen Sie eine andere Zeit.',
  slot_in_past: () => 'Diese Zeit liegt in der Vergangenheit. Bitte wählen Sie eine spätere Zeit.',
  too_soon: (p) => `Termine können frühestens ${p.minutes} Minuten im Voraus gebucht werden. Bitte wählen Sie eine spätere Zeit.`,
  beyond_horizon: (p) => `Termine können höchstens ${p.days} Tage im Voraus gebucht werden. Bitte wählen Sie eine frühere Zeit.`,
  booking_limit_reached: (p) => `Mit diesen Kontaktdaten sind an diesem Tag bereits ${p.limit} Termine gebucht. Mehr sind nicht möglich.`,
  idempotency_key_reused: () => 'Diese Anfrage-Kennung wurde schon für eine andere Buchung verwendet.',
  booking_conflict: () => 'Die Buchung ist gerade nicht gelungen. Bitte versuchen Sie es noch einmal.',
  sms_requires_phone: () => 'Für SMS-Erinnerungen geben Sie bitte eine Telefonnummer an',
  sms_country_not_allowed: (p) =>
    `SMS-Erinnerungen gehen nur an Telefonnummern mit der Vorwahl ${p.codes}. Bitte geben Sie eine solche Nummer an oder verzichten Sie auf die SMS.`,
  to_before_from: () => 'Das Ende liegt vor dem Anfang',
  range_too_long: (p) => `Höchstens ${p.maxDays} Tage`,
  // field-level
  field_required: () => 'Pflichtfeld',
  field_invalid: () => 'Ungültiger Wert',
  field_too_long: (p) => `Höchstens ${p.maximum} Zeichen`,
  field_too_short: (p) => `Mindestens ${p.minimum} Zeichen`,
  field_too_big: (p) => `Höchstens ${p.maximum}`,
  field_too_small: (p) => `Mindestens ${p.minimum}`,
  field_email: () => 'Bitte geben Sie eine gültige E-Mail-Adresse an',
  field_booking_code: () => 'Bitte geben Sie den 16-stelligen Buchungscode an',
  field_unknown: () => 'Dieses Feld ist nicht vorgesehen',
  field_name_characters: () => 'Der Name enthält unsichtbare Steuer- oder Trennzeichen. Bitte geben Sie ihn ohne diese ein.',
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
  booking_budget_exceeded: (p) =>
    `Very many appointments have been booked from your internet connection recently. Please try again in ${waitIn('en', Number(p.minutes))} or call the office.`,
  booking_challenge_required: () => 'Very many appointments are being booked today. Please reload the form and send it after the short security check.',
  booking_challenge_invalid: () => "The form's security check has expired or was already used. Please reload the form and send it again.",
  booking_challenge_wait: (p) => `Please wait ${p.seconds} more seconds, then send the form again.`,
  payload_too_large: () => 'The request is too large.',
  unsupported_media_type: () => 'This data format is not supported.',
  bad_request: () => 'The request is invalid.',
  internal: () => 'An internal error occurred. Please try again later.',
  service_unavailable: () => 'The service is unavailable right now. Please try again shortly.',
  invalid_token: () => 'Your sign-in is invalid or has expired. Please sign in again.',
  token_expired: () => 'Your sign-in has expired. The screen reconnects with a renewed sign-in.',
  role_forbidden: () => 'Your role does not allow this action.',
  tenant_unknown: () => 'Your account is not assigned to a known municipality.',
  location_not_found: () => 'This location was not found.',
  appointment_not_found: () => 'This appointment was not found. Please check the booking code.',
  checkin_wrong_location: () => 'Your appointment is at another location. Please check in there.',
  checkin_refused: () =>
    'Check-in with this code is not possible here right now. If you have already checked in, your ticket remains valid; otherwise check the place and time in your confirmation or ask at the reception.',
  self_checkin_off: () => 'At this location, please check in at the reception or at the terminal.',
  checkin_already_done: () => 'You have already checked in for this appointment. Your ticket remains valid.',
  checkin_not_possible: () => 'This appointment cannot be checked in (not confirmed, cancelled or finished).',
  checkin_too_early: (p) => `Check-in opens ${p.minutes} minutes before your appointment, at ${p.time}.`,
  checkin_too_late: (p) => `Your appointment started more than ${p.minutes} minutes ago. Please ask at the reception.`,
  service_not_offered: () => 'This service is not offered at this location.',
  counter_not_found: () => 'This counter was not found or is not open.',
  queue_entry_not_found: () => 'This ticket was not found.',
  queue_entry_wrong_status: () => 'This ticket has been handled meanwhile. Please reload the queue.',
  queue_busy: () => 'Many counters are calling at the same time. Please try again.',
  queue_position_not_found: () => 'There is no ticket for this booking code today. Please check in first.',
  dead_letter_not_found: () => 'This failed job was not found or has already been retried.',
  booking_not_found: () => 'There is no appointment for this booking code and e-mail address. Please check both.',
  booking_code_invalid: () => 'This is not a valid booking code. It has 16 characters, e.g. 7K3M-Q9XA-T2BC-0PRE.',
  booking_not_cancellable: () => 'This appointment can no longer be cancelled (already cancelled, attended or finished).',
  booking_not_reschedulable: () => 'This appointment can no longer be moved (cancelled, attended or finished).',
  booking_changed: () => 'Your appointment was just changed elsewhere. Please reload the page.',
  cancellation_deadline_passed: (p) => `Appointments can only be cancelled or moved up to ${p.minutes} minutes before they start. Please call us.`,
  slot_not_available: () => 'No appointments are offered at this time. Please pick a time from the list.',
  slot_too_soon: (p) => `Appointments must be booked at least ${p.minutes} minutes in advance.`,
  slot_beyond_horizon: (p) => `Appointments can be booked at most ${p.days} days in advance.`,
  reschedule_same_time: () => 'Your appointment is already at this time.',
  // booking: offices, free times, booking
  tenant_not_found: () => 'This municipality was not found. Please check the address.',
  service_not_found: () => 'This service was not found.',
  invalid_date_range: () => 'The date range is invalid. Please choose at most three months, with the end after the start.',
  slot_not_found: () => 'There is no appointment at this time. Please choose one of the offered times.',
  slot_full: () => 'This appointment has just been taken. Please choose another time.',
  slot_in_past: () => 'This time is in the past. Please choose a later time.',
  too_soon: (p) => `Appointments must be booked at least ${p.minutes} minutes ahead. Please choose a later time.`,
  beyond_horizon: (p) => `Appointments can be booked at most ${p.days} days ahead. Please choose an earlier time.`,
  booking_limit_reached: (p) => `${p.limit} appointments are already booked with these contact details on that day. No more are possible.`,
  idempotency_key_reused: () => 'This request key was already used for a different booking.',
  booking_conflict: () => 'The booking did not go through just now. Please try again.',
  sms_requires_phone: () => 'Please enter a phone number for SMS reminders',
  sms_country_not_allowed: (p) => `SMS reminders only go to phone numbers with the country code ${p.codes}. Please enter such a number or book without SMS.`,
  to_before_from: () => 'The end is before the start',
  range_too_long: (p) => `At most ${p.maxDays} days`,
  field_required: () => 'Required',
  field_invalid: () => 'Invalid value',
  field_too_long: (p) => `At most ${p.maximum} characters`,
  field_too_short: (p) => `At least ${p.minimum} characters`,
  field_too_big: (p) => `At most ${p.maximum}`,
  field_too_small: (p) => `At least ${p.minimum}`,
  field_email: () => 'Please enter a valid email address',
  field_booking_code: () => 'Please enter the 16-character booking code',
  field_unknown: () => 'This field is not expected',
  field_name_characters: () => 'The name contains invisible control or separator characters. Please enter it without them.',
};

// Turkish, Arabic and Ukrainian pages carry their own texts for what a citizen types; the API's
// remaining messages reach those readers in English, the language they most likely read next.
const catalogues: Partial<Record<Lang, Catalogue>> = {
  de: { ...adminDe, ...privacyDe, ...workstationDe, ...backofficeDe, ...de },
  en: { ...adminEn, ...privacyEn, ...workstationEn, ...backofficeEn, ...en },
};

export function translate(lang: Lang, code: string, params: Params = {}): string {
  const catalogue = catalogues[lang] ?? catalogues.en!;
  const message = catalogue[code] ?? catalogue[fallbackFor(code)];
  return message ? message(params) : code;
}

function fallbackFor(code: string): string {
  return code.startsWith('field_') ? 'field_invalid' : 'bad_request';
}
