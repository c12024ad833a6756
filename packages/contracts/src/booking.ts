import { z } from 'zod';
import { appointmentStatus } from './appointment-status';
import { languages } from './language';
import { bookingChallengeProof } from './booking-challenge';

/**
 * Wire format of the public booking flow: offices, services, free times and the booking itself.
 * Times go out twice: as the UTC instant the API takes back, and as the office's local wall-clock
 * time a citizen reads.
 */
const instant = z.iso.datetime({ offset: true });
const localDate = z.iso.date();
const lang = z.enum(languages);

/** No control characters and no broken UTF-16: what a person types, and what PostgreSQL can store. */
const PRINTABLE = /^[^\p{Cc}\p{Cs}]*$/u;

/**
 * Invisible format characters (bidi overrides such as U+202E, zero-width spaces), line and paragraph
 * separators and private-use characters: in a name they can make it read as other text on the
 * clerk's screen and in the office's e-mail. The API answers `field_name_characters` for them.
 */
const HIDDEN_IN_NAMES = /[\p{Cf}\p{Zl}\p{Zp}\p{Co}]/u;
export const personName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(PRINTABLE)
  .refine((name) => !HIDDEN_IN_NAMES.test(name), { params: { fieldCode: 'field_name_characters' } });

export const tenantParams = z.object({ tenant: z.string().min(1).max(64).regex(PRINTABLE) });
export const tenantLocationParams = tenantParams.extend({ locationId: z.uuid() });

export const publicLocation = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  address: z.string(),
  timezone: z.string(),
});
export type PublicLocation = z.infer<typeof publicLocation>;
export const publicLocationList = z.array(publicLocation);

export const publicService = z.object({
  id: z.uuid(),
  slug: z.string(),
  nameDe: z.string(),
  nameEn: z.string(),
  durationMinutes: z.number().int().positive(),
  /** What to bring, as the office wrote it; null when it wrote nothing. */
  documentsDe: z.string().nullable(),
  documentsEn: z.string().nullable(),
  /** The same in Leichte Sprache (easy German), where the office wrote it. */
  documentsEasy: z.string().nullable(),
});
export type PublicService = z.infer<typeof publicService>;
export const publicServiceList = z.array(publicService);

/** `lang` is allowed everywhere: it picks the language of error messages. */
export const availabilityDaysQuery = z.strictObject({ serviceId: z.uuid(), from: localDate, to: localDate, lang: lang.optional() });
export const availabilityDays = z.object({
  timezone: z.string(),
  /** Local dates with at least one bookable start, ascending. */
  days: z.array(localDate),
  /** The last local date of the tenant's booking horizon, so a calendar knows how far to reach. */
  lastDay: localDate,
});
export type AvailabilityDays = z.infer<typeof availabilityDays>;

export const availabilitySlotsQuery = z.strictObject({ serviceId: z.uuid(), date: localDate, lang: lang.optional() });
export const bookableStart = z.object({
  /** Send this back as `startsAt` to book. */
  startsAt: instant,
  endsAt: instant,
  /** 'HH:MM' in the office's time zone. */
  localTime: z.string(),
});
export type BookableStart = z.infer<typeof bookableStart>;
export const availabilitySlots = z.object({ timezone: z.string(), date: localDate, slots: z.array(bookableStart) });
export type AvailabilitySlots = z.infer<typeof availabilitySlots>;

export const bookingRequest = z.strictObject({
  tenant: z.string().min(1).max(64).regex(PRINTABLE),
  locationId: z.uuid(),
  serviceId: z.uuid(),
  startsAt: instant,
  citizen: z.strictObject({
    name: personName,
    email: z.email().max(254),
    phone: z
      .string()
      .max(32)
      .regex(/^\+?[0-9 ()/.-]{6,31}$/)
      .optional(),
  }),
  smsOptIn: z.boolean(),
  language: lang,
  consent: z.literal(true),
  /** Needed only where the municipality switched the rush-day challenge on. */
  challenge: bookingChallengeProof.optional(),
});
export type BookingRequest = z.infer<typeof bookingRequest>;

export const idempotencyHeaders = z.object({ 'idempotency-key': z.string().min(1).max(100).optional() });

/**
 * A booking as the booking service returns it. Never holds the citizen's contact data (the answer
 * may end up in caches and logs) nor staff data such as the no-show score: whoever books with
 * someone else's address must not learn it.
 */
export const bookedAppointment = z.object({
  id: z.uuid(),
  bookingCode: z.string(),
  status: appointmentStatus,
  startsAt: instant,
  endsAt: instant,
  timezone: z.string(),
  location: z.object({ name: z.string(), address: z.string() }),
  service: z.object({
    nameDe: z.string(),
    nameEn: z.string(),
    documentsDe: z.string().nullable(),
    documentsEn: z.string().nullable(),
    documentsEasy: z.string().nullable(),
  }),
});
export type BookedAppointment = z.infer<typeof bookedAppointment>;

/** The booking and where the citizen manages it and checks in. */
export const bookingResponse = bookedAppointment.extend({
  links: z.object({ manage: z.url(), checkin: z.url() }),
});
export type BookingResponse = z.infer<typeof bookingResponse>;
