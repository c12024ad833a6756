import { buildAppointmentIcs, type AppointmentIcsInput, type IcsMethod } from './ics';
import { messagesFor, type Lang } from './i18n';

export interface CalendarFileInput {
  lang: Lang;
  /** From {@link calendarUid}: the same for every version of the appointment. */
  uid: string;
  sequence: number;
  /** A cancelled appointment goes out as METHOD:CANCEL, which removes it from the calendar. */
  cancelled: boolean;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  serviceName: string;
  location: { name: string; address: string };
  bookingCode: string;
  manageUrl: string;
  organizer?: AppointmentIcsInput['organizer'];
}

export interface CalendarFile {
  filename: string;
  contentType: string;
  method: IcsMethod;
  content: string;
}

/** Same UID for every version of an appointment, so calendars update the entry instead of adding one. */
export function calendarUid(appointmentId: string): string {
  return `${appointmentId}@termin`;
}

/** The appointment's calendar entry in the citizen's language, as the e-mail attaches it and the download serves it. */
export function calendarFile(input: CalendarFileInput): CalendarFile {
  const messages = messagesFor(input.lang);
  const method: IcsMethod = input.cancelled ? 'CANCEL' : 'REQUEST';
  const content = buildAppointmentIcs({
    uid: input.uid,
    sequence: input.sequence,
    method,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    timezone: input.timezone,
    summary: messages.calendarSummary(input.serviceName),
    location: input.location,
    description: messages.calendarDescription(input.bookingCode, input.manageUrl),
    url: input.manageUrl,
    organizer: input.organizer,
  });
  return { filename: messages.icsFilename, contentType: `text/calendar; charset=utf-8; method=${method}`, method, content };
}
