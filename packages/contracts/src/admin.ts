import { z } from 'zod';

/*
 * Administration (/api/v1/admin/...): a municipality configures its offices. The API checks what
 * a schema cannot (time zone exists, intervals do not overlap, prefix unique, slot length divides
 * the service duration) and answers those with field errors too, under the same field names.
 */

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);
const slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().default(null);
/** The version the client read; a stale one is refused with 409 `version_conflict`. */
const version = z.number().int().min(1);

export const adminLocationParams = z.object({ locationId: z.uuid() });
export const adminServiceParams = z.object({ serviceId: z.uuid() });
export const adminCounterParams = z.object({ counterId: z.uuid() });
export const adminClosureParams = z.object({ closureId: z.uuid() });
export const adminHolidayParams = z.object({ holidayId: z.uuid() });

// ── Locations ───────────────────────────────────────────────────────────────────────────────
const locationFields = {
  name: text(200),
  address: text(300),
  /** IANA zone, e.g. Europe/Berlin. */
  timezone: z.string().min(1).max(64),
  slotMinutes: z.number().int().min(5).max(240),
  /** Check-in window; null takes the municipality's. */
  checkinEarlyMinutes: z.number().int().min(0).max(240).nullable().default(null),
  checkinLateMinutes: z.number().int().min(0).max(240).nullable().default(null),
  contactDe: optionalText(1000),
  contactEn: optionalText(1000),
  directionsDe: optionalText(2000),
  directionsEn: optionalText(2000),
  active: z.boolean(),
  /** The services this office offers. */
  serviceIds: z.array(z.uuid()).max(200),
};
export const adminLocationCreate = z.strictObject({ slug, ...locationFields });
export type AdminLocationCreate = z.infer<typeof adminLocationCreate>;
export const adminLocationUpdate = z.strictObject({ version, ...locationFields });
export type AdminLocationUpdate = z.infer<typeof adminLocationUpdate>;

export const adminLocation = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  address: z.string(),
  timezone: z.string(),
  slotMinutes: z.number().int(),
  checkinEarlyMinutes: z.number().int().nullable(),
  checkinLateMinutes: z.number().int().nullable(),
  contactDe: z.string().nullable(),
  contactEn: z.string().nullable(),
  directionsDe: z.string().nullable(),
  directionsEn: z.string().nullable(),
  active: z.boolean(),
  serviceIds: z.array(z.uuid()),
  version: z.number().int(),
});
export type AdminLocation = z.infer<typeof adminLocation>;
export const adminLocationList = z.object({ locations: z.array(adminLocation) });

// ── Services ────────────────────────────────────────────────────────────────────────────────
const serviceFields = {
  nameDe: text(200),
  nameEn: text(200),
  descriptionDe: optionalText(2000),
  descriptionEn: optionalText(2000),
  durationMinutes: z.number().int().min(5).max(480),
  /** One capital letter starting the service's ticket numbers (A042); unique per municipality. */
  ticketPrefix: z.string().regex(/^[A-Z]$/),
  /** What to bring, shown in the booking flow and the confirmation e-mail. */
  documentsDe: optionalText(2000),
  documentsEn: optionalText(2000),
  /** The same in Leichte Sprache (easy German); German readers who chose it get the German text where it is missing. */
  documentsEasy: optionalText(2000),
  /** Fee in euro cents; null when there is none or it varies. */
  feeCents: z.number().int().min(0).max(10_000_000).nullable().default(null),
  /** Bookings of this service one slot takes at most … */
  slotCapacity: z.number().int().min(1).max(100),
  /** … and how many of those are held back for counter and phone bookings. */
  internalPlaces: z.number().int().min(0).max(100),
  active: z.boolean(),
};
export const adminServiceCreate = z.strictObject({ slug, ...serviceFields });
export type AdminServiceCreate = z.infer<typeof adminServiceCreate>;
export const adminServiceUpdate = z.strictObject({ version, ...serviceFields });
export type AdminServiceUpdate = z.infer<typeof adminServiceUpdate>;
export const adminService = z.object({
  id: z.uuid(),
  slug: z.string(),
  nameDe: z.string(),
  nameEn: z.string(),
  descriptionDe: z.string().nullable(),
  descriptionEn: z.string().nullable(),
  durationMinutes: z.number().int(),
  ticketPrefix: z.string(),
  documentsDe: z.string().nullable(),
  documentsEn: z.string().nullable(),
  documentsEasy: z.string().nullable(),
  feeCents: z.number().int().nullable(),
  slotCapacity: z.number().int(),
  internalPlaces: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
});
export type AdminService = z.infer<typeof adminService>;
export const adminServiceList = z.object({ services: z.array(adminService) });

// ── Counters ────────────────────────────────────────────────────────────────────────────────
const counterFields = {
  /** Shown on the waiting-room display, e.g. "3" or "Schalter 3". */
  name: text(50),
  serviceIds: z.array(z.uuid()).max(200),
  /** Open (staffed): open counters make a slot's capacity. */
  active: z.boolean(),
};
export const adminCounterCreate = z.strictObject(counterFields);
export type AdminCounterCreate = z.infer<typeof adminCounterCreate>;
export const adminCounterUpdate = z.strictObject({ version, ...counterFields });
export type AdminCounterUpdate = z.infer<typeof adminCounterUpdate>;
export const adminCounter = z.object({
  id: z.uuid(),
  locationId: z.uuid(),
  name: z.string(),
  serviceIds: z.array(z.uuid()),
  active: z.boolean(),
  version: z.number().int(),
});
export type AdminCounter = z.infer<typeof adminCounter>;
export const adminCounterList = z.object({ counters: z.array(adminCounter) });

// ── Opening hours ───────────────────────────────────────────────────────────────────────────
export const openingInterval = z.strictObject({
  /** ISO weekday, 1 = Monday … 7 = Sunday; several intervals a day leave breaks between them. */
  weekday: z.number().int().min(1).max(7),
  opens: localTime,
  closes: localTime,
});
/** A weekly schedule valid from a date (null: from the beginning) until the next schedule starts. */
export const openingSchedule = z.strictObject({
  validFrom: localDate.nullable(),
  intervals: z.array(openingInterval).max(100),
});
export type OpeningSchedule = z.infer<typeof openingSchedule>;
export const adminOpeningHoursUpdate = z.strictObject({
  /** The location's version (opening hours belong to it). */
  version,
  schedules: z.array(openingSchedule).min(1).max(20),
  /**
   * A change that would remove or shrink slots holding bookings is refused unless this is set;
   * even then no booking is cancelled: its slot is kept, closed for new bookings.
   */
  keepAffectedBookings: z.boolean().default(false),
});
export type AdminOpeningHoursUpdate = z.infer<typeof adminOpeningHoursUpdate>;
export const adminOpeningHours = z.object({ version: z.number().int(), schedules: z.array(openingSchedule) });
export type AdminOpeningHours = z.infer<typeof adminOpeningHours>;

/** An appointment a rule change would hit: only what an admin may see. */
export const affectedAppointment = z.object({
  bookingCode: z.string(),
  startsAt: z.iso.datetime(),
  localDate: localDate,
  localTime: z.string(),
  serviceId: z.uuid(),
  serviceNameDe: z.string(),
  serviceNameEn: z.string(),
});
export type AffectedAppointment = z.infer<typeof affectedAppointment>;

export const adminSlotPreviewRequest = z.strictObject({
  schedules: z.array(openingSchedule).min(1).max(20),
  from: localDate,
  to: localDate,
});
export type AdminSlotPreviewRequest = z.infer<typeof adminSlotPreviewRequest>;
export const adminSlotPreview = z.object({
  timezone: z.string(),
  /** Slots the proposed rules produce, per local day. */
  days: z.array(z.object({ date: localDate, slots: z.array(z.object({ localTime: z.string(), startsAt: z.iso.datetime(), capacity: z.number().int() })) })),
  created: z.number().int(),
  removed: z.number().int(),
  /** Booked slots the change would remove or shrink below their bookings. */
  affected: z.array(affectedAppointment),
});
export type AdminSlotPreview = z.infer<typeof adminSlotPreview>;
export const adminOpeningHoursSaved = adminOpeningHours.extend({ affected: z.array(affectedAppointment) });

// ── Closures and holidays ───────────────────────────────────────────────────────────────────
export const adminClosureCreate = z.strictObject({
  date: localDate,
  /** Last day of a range, inclusive; omit for one day. */
  endDate: localDate.nullable().default(null),
  /** Shown to citizens. */
  reason: text(200),
  reasonEn: optionalText(200),
});
export type AdminClosureCreate = z.infer<typeof adminClosureCreate>;
export const adminClosure = z.object({
  id: z.uuid(),
  date: localDate,
  endDate: localDate.nullable(),
  reason: z.string(),
  reasonEn: z.string().nullable(),
  /** Set for a closure of part of a day. */
  opens: z.string().nullable(),
  closes: z.string().nullable(),
});
export type AdminClosure = z.infer<typeof adminClosure>;
export const adminClosureList = z.object({ closures: z.array(adminClosure) });
/** A new closure keeps the bookings on its days (an emergency closure cancels them): they are listed. */
export const adminClosureCreated = adminClosure.extend({ affected: z.array(affectedAppointment) });

export const adminHolidayQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const adminHolidayCreate = z.strictObject({ date: localDate, nameDe: text(200), nameEn: text(200) });
export type AdminHolidayCreate = z.infer<typeof adminHolidayCreate>;
export const adminHoliday = z.object({
  /** Null for a public holiday of the Bundesland (not editable). */
  id: z.uuid().nullable(),
  date: localDate,
  nameDe: z.string(),
  nameEn: z.string(),
  kind: z.enum(['public', 'local']),
});
export type AdminHoliday = z.infer<typeof adminHoliday>;
export const adminHolidayList = z.object({ year: z.number().int(), state: z.string().nullable(), holidays: z.array(adminHoliday) });
export type AdminHolidayList = z.infer<typeof adminHolidayList>;

/** Answer of a DELETE: no body (204). */
export const adminNoContent = z.null();

/** The office closes today: today's open appointments are cancelled and each citizen is told once. */
export const adminEmergencyClosureRequest = z.strictObject({
  /** Must be true: cancelling appointments is never a side effect. */
  confirm: z.literal(true),
  reason: text(200),
  reasonEn: optionalText(200),
});
export type AdminEmergencyClosureRequest = z.infer<typeof adminEmergencyClosureRequest>;
export const adminEmergencyClosure = z.object({
  date: localDate,
  closureId: z.uuid(),
  /** The appointments cancelled (each gets one cancellation message). */
  cancelled: z.array(affectedAppointment),
});
export type AdminEmergencyClosure = z.infer<typeof adminEmergencyClosure>;
