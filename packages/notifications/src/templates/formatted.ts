import { formatLongDate, formatTime } from '../i18n/format';
import type { FormattedAppointment, Messages } from '../i18n';
import type { AppointmentMessageData } from './data';

/**
 * Characters that can make a name read as other text: controls, invisible format characters (bidi
 * overrides such as U+202E, zero-width spaces), line and paragraph separators, private-use and
 * lone surrogates. The API refuses them in new names; rows from before are shown with U+FFFD in
 * their place, so a name can never break out of its quoted field.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}]/gu;

/** A name as the e-mail shows it: one line, visible characters only, at most 100 of them. */
export function displayName(name: string): string {
  return Array.from(name.replace(HIDDEN, '\uFFFD').trim()).slice(0, 100).join('');
}

export function formatAppointment(data: AppointmentMessageData, messages: Messages): FormattedAppointment {
  const formatted: FormattedAppointment = {
    citizenName: displayName(data.citizenName),
    serviceName: data.serviceName,
    locationName: data.locationName,
    locationAddress: data.locationAddress,
    date: formatLongDate(data.startsAt, data.timezone, messages),
    time: formatTime(data.startsAt, data.timezone, messages),
    bookingCode: data.bookingCode,
  };
  if (data.previousStartsAt) {
    formatted.previous = {
      date: formatLongDate(data.previousStartsAt, data.timezone, messages),
      time: formatTime(data.previousStartsAt, data.timezone, messages),
    };
  }
  return formatted;
}
