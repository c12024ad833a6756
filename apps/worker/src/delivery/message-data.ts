import { calendarUid, citizenLinks, documentsIn, serviceNameIn, type AppointmentMessageData } from '@termin/notifications';
import type { LoadedAppointment } from '../appointments';

export function appointmentMessageData(citizenBaseUrl: string, appointment: LoadedAppointment): AppointmentMessageData {
  const links = citizenLinks(citizenBaseUrl, appointment.bookingCode);
  return {
    citizenName: appointment.citizenName ?? '',
    serviceName: serviceNameIn(appointment.language, appointment.service),
    documents: documentsIn(appointment.language, appointment.service),
    locationName: appointment.location.name,
    locationAddress: appointment.location.address,
    startsAt: appointment.startsAt,
    timezone: appointment.location.timezone,
    bookingCode: appointment.bookingCode,
    manageUrl: links.manage,
    cancelUrl: links.cancel,
  };
}

export function calendarFor(appointment: LoadedAppointment) {
  return { uid: calendarUid(appointment.id), sequence: appointment.sequence, endsAt: appointment.endsAt };
}
