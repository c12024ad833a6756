import type { AppointmentMessageData } from '@termin/notifications';
import { manageUrl, type LoadedAppointment } from '../appointments';

export function appointmentMessageData(citizenBaseUrl: string, appointment: LoadedAppointment): AppointmentMessageData {
  const manage = manageUrl(citizenBaseUrl, appointment.bookingCode);
  return {
    citizenName: appointment.citizenName ?? '',
    serviceName: appointment.language === 'en' ? appointment.service.nameEn : appointment.service.nameDe,
    locationName: appointment.location.name,
    locationAddress: appointment.location.address,
    startsAt: appointment.startsAt,
    timezone: appointment.location.timezone,
    bookingCode: appointment.bookingCode,
    manageUrl: manage,
    cancelUrl: `${manage}/cancel`,
  };
}

/** Same UID for every version of the appointment, so calendars update the entry instead of adding one. */
export function calendarFor(appointment: LoadedAppointment) {
  return { uid: `${appointment.id}@termin`, sequence: appointment.sequence, endsAt: appointment.endsAt };
}
