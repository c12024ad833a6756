import { z } from 'zod';
import { appointmentStatus } from './appointment-status';
import { languages } from './language';

/**
 * Wire format of the citizen's own booking management: look up, cancel, reschedule and download
 * by booking code. The code alone is not enough for anything personal: every call but the QR
 * code also needs the e-mail address the booking was made with.
 */
const instant = z.iso.datetime({ offset: true });

/** Any spelling a citizen might type; the service normalises it (and answers 400 if it cannot be a code). */
export const manageBookingParams = z.object({ code: z.string().min(1).max(40) });

export const bookingEmail = z.email().max(254);
/**
 * `lang` picks the language of error messages and of the calendar entry. The e-mail address never
 * travels in a URL (where access logs, proxies and browser histories keep it): reads send it in the
 * `Booking-Email` header, changes in the body; a query with `email` is refused.
 */
export const manageBookingQuery = z.strictObject({ lang: z.enum(languages).optional() });
/** The header that proves a read of one's own booking (look-up, calendar file). */
export const BOOKING_EMAIL_HEADER = 'booking-email';
export const manageBookingHeaders = z.object({ [BOOKING_EMAIL_HEADER]: bookingEmail });
export const cancelBookingBody = z.strictObject({ email: bookingEmail });
export const rescheduleBookingBody = z.strictObject({
  email: bookingEmail,
  /** Start of the new first slot, ISO 8601 in UTC. */
  startsAt: z.iso.datetime(),
});

export const managedBooking = z.object({
  id: z.uuid(),
  bookingCode: z.string(),
  status: appointmentStatus,
  startsAt: instant,
  endsAt: instant,
  /** IANA zone of the office: show times in it, whatever the citizen's device says. */
  timezone: z.string(),
  location: z.object({ id: z.uuid(), name: z.string(), address: z.string() }),
  service: z.object({ id: z.uuid(), nameDe: z.string(), nameEn: z.string() }),
  /** iCalendar SEQUENCE: bumped by every reschedule and the cancellation. */
  sequence: z.number().int().min(0),
  cancellable: z.object({
    /** True while the booking is open and the deadline has not passed. */
    allowed: z.boolean(),
    /** Last moment to cancel or reschedule. */
    deadline: instant,
  }),
});
export type ManagedBooking = z.infer<typeof managedBooking>;
