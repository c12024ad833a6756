export type { Lang } from '@termin/contracts/language';

export type NotificationKind = 'confirmation' | 'cancellation' | 'reschedule' | 'reminder';

/** Appointment facts already formatted for the reader's language and the location's timezone. */
export interface FormattedAppointment {
  citizenName: string;
  serviceName: string;
  locationName: string;
  locationAddress: string;
  date: string;
  time: string;
  bookingCode: string;
  /** Only for reschedule: the old date and time, already formatted. */
  previous?: { date: string; time: string };
}

export interface SmsFields {
  date: string;
  time: string;
  /** Location name, with its address when that still fits into one SMS. */
  place: string;
  bookingCode: string;
}

export interface KindMessages {
  subject: (a: FormattedAppointment) => string;
  heading: string;
  intro: (a: FormattedAppointment) => string;
  sms: (a: SmsFields) => string;
}

/**
 * Every citizen-facing sentence of one language. Functions return plain text; the renderers
 * escape it for HTML, so no entry may contain markup.
 */
export interface Messages {
  /** BCP 47 locale for Intl date and time formatting. */
  locale: string;
  /** Appended to a formatted clock time, e.g. "Uhr" in German. */
  formatTime: (clock: string) => string;
  /** The salutation. It does not hold the name: a name is citizen input and stays in its labelled field. */
  greeting: string;
  detailsHeading: string;
  /** `bookedFor` labels the name as the booking's data, shown quoted (`quote`). */
  labels: { bookedFor: string; service: string; date: string; time: string; location: string; bookingCode: string; documents: string };
  quote: (text: string) => string;
  checkinHeading: string;
  checkinHint: string;
  qrAlt: (bookingCode: string) => string;
  actionsHeading: string;
  manageLink: string;
  cancelLink: string;
  bringCode: string;
  signOff: string;
  calendarSummary: (serviceName: string) => string;
  calendarDescription: (bookingCode: string, manageUrl: string) => string;
  icsFilename: string;
  qrFilename: string;
  sender: string;
  automatedNotice: string;
  kinds: Record<NotificationKind, KindMessages>;
}
