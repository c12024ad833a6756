import { z } from 'zod';
import { appointmentStatus } from './appointment-status';
import { availabilitySlots, bookedAppointment, personName } from './booking';
import { languages } from './language';

/**
 * The clerk's back office: booking on a citizen's behalf (on the phone or at the counter, with the
 * internal places), finding, cancelling and moving a location's coming appointments.
 */
const instant = z.iso.datetime({ offset: true });

export const bookingChannel = z.enum(['online', 'phone', 'counter']);
export type BookingChannelName = z.infer<typeof bookingChannel>;

export const backofficeSlotsQuery = z.strictObject({ serviceId: z.uuid(), date: z.iso.date() });
/** The free times staff may book: the internal places count too. */
export const backofficeSlots = availabilitySlots;

export const staffBookingBody = z
  .strictObject({
    serviceId: z.uuid(),
    startsAt: instant,
    channel: z.enum(['phone', 'counter']),
    name: personName,
    email: z.email().max(254).optional(),
    phone: z
      .string()
      .max(32)
      .regex(/^\+?[0-9 ()/.-]{6,31}$/)
      .optional(),
    smsOptIn: z.boolean().default(false),
    language: z.enum(languages).default('de'),
    /** The citizen agreed that the office keeps the e-mail address or phone number and writes to it. */
    contactConsent: z.boolean().default(false),
  })
  .superRefine((body, ctx) => {
    if ((body.email || body.phone) && !body.contactConsent) {
      ctx.addIssue({ code: 'custom', path: ['contactConsent'], message: 'consent required', params: { fieldCode: 'field_consent_required' } });
    }
  });
export type StaffBookingBody = z.infer<typeof staffBookingBody>;

export const staffBookingResponse = bookedAppointment;

/** An appointment as the back office lists it: the name the clerk asks for, never the contact data itself. */
export const backofficeAppointment = z.object({
  id: z.uuid(),
  bookingCode: z.string(),
  status: appointmentStatus,
  channel: bookingChannel,
  startsAt: instant,
  endsAt: instant,
  timezone: z.string(),
  service: z.object({ id: z.uuid(), nameDe: z.string(), nameEn: z.string() }),
  citizenName: z.string().nullable(),
  /** Whether the citizen hears of a cancellation or move by e-mail. */
  notified: z.boolean(),
});
export type BackofficeAppointment = z.infer<typeof backofficeAppointment>;

export const backofficeSearchQuery = z.strictObject({ q: z.string().trim().min(2).max(100) });
export const backofficeSearchResponse = z.object({ appointments: z.array(backofficeAppointment) });
export type BackofficeSearchResponse = z.infer<typeof backofficeSearchResponse>;

export const backofficeAppointmentParams = z.object({ locationId: z.uuid(), appointmentId: z.uuid() });
export const backofficeRescheduleBody = z.strictObject({ startsAt: instant });
export const backofficeAppointmentResponse = backofficeAppointment;
