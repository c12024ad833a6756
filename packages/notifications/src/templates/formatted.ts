import { formatLongDate, formatTime } from '../i18n/format';
import type { FormattedAppointment, Messages } from '../i18n';
import type { AppointmentMessageData } from './data';

export function formatAppointment(data: AppointmentMessageData, messages: Messages): FormattedAppointment {
  const formatted: FormattedAppointment = {
    citizenName: data.citizenName,
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
