import { timingSafeEqual } from 'node:crypto';
import { contactHash, isOpenStatus, normaliseBookingCode, legacyNormaliseEmail, normaliseEmail, NotFoundError, ValidationError } from '@termin/domain';
import { changeDeadline, type BookingCredentials, type ManageDeps, type ManagedBookingView } from './manage';

export const bookingInclude = {
  tenant: { select: { cancellationDeadlineMinutes: true, minLeadMinutes: true, bookingHorizonDays: true, maxBookingsPerContactPerDay: true } },
  location: { select: { id: true, name: true, address: true, timezone: true, slotMinutes: true } },
  service: { select: { id: true, nameDe: true, nameEn: true, durationMinutes: true } },
  slots: { select: { slot: { select: { id: true, startsAt: true, endsAt: true } } } },
} as const;

// Compared against when the code is unknown, so a miss costs the same as a wrong e-mail.
const NO_HASH = Buffer.alloc(32);

function hashMatches(storedHex: string | undefined, candidateHex: string): boolean {
  const stored = storedHex && /^[0-9a-f]{64}$/.test(storedHex) ? Buffer.from(storedHex, 'hex') : NO_HASH;
  const matches = timingSafeEqual(stored, Buffer.from(candidateHex, 'hex'));
  return matches && stored !== NO_HASH;
}

/** The canonical code, or a 400 that names the field: the format is public, so this reveals nothing. */
export function canonicalBookingCode(code: string): string {
  const canonical = normaliseBookingCode(code);
  if (!canonical) throw new ValidationError([{ field: 'code', code: 'field_booking_code' }], 'booking_code_invalid');
  return canonical;
}

/**
 * The booking behind a code, if the e-mail is the one it was made with. An unknown code, a wrong
 * e-mail and an anonymised booking all give the same 404, so the answer is no oracle for either.
 */
export async function findOwnBooking(deps: ManageDeps, credentials: BookingCredentials) {
  const bookingCode = canonicalBookingCode(credentials.code);
  const candidate = contactHash(deps.contactHashSecret, normaliseEmail(credentials.email));
  // Bookings made before the address rules were hashed from the merely lower-cased address.
  const legacy = contactHash(deps.contactHashSecret, legacyNormaliseEmail(credentials.email));
  const row = await deps.db.appointment.findUnique({ where: { bookingCode }, include: bookingInclude });
  const owned = hashMatches(row?.contactHash, candidate) || hashMatches(row?.contactHash, legacy);
  if (!row || !owned || row.anonymisedAt) throw new NotFoundError('booking_not_found');
  return row;
}

export type OwnBooking = Awaited<ReturnType<typeof findOwnBooking>>;

/** Just enough of a booking for its public QR code: 404 for unknown or anonymised codes. */
export async function findBookingForQr(deps: Pick<ManageDeps, 'db'>, code: string): Promise<{ bookingCode: string }> {
  const bookingCode = canonicalBookingCode(code);
  const row = await deps.db.appointment.findUnique({ where: { bookingCode }, select: { bookingCode: true, anonymisedAt: true } });
  if (!row || row.anonymisedAt) throw new NotFoundError('booking_not_found');
  return { bookingCode: row.bookingCode };
}

export function toManagedBooking(row: OwnBooking, now: Date): ManagedBookingView {
  const deadline = changeDeadline(row.startsAt, row.tenant.cancellationDeadlineMinutes);
  return {
    id: row.id,
    bookingCode: row.bookingCode,
    status: row.status,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    timezone: row.location.timezone,
    location: { id: row.location.id, name: row.location.name, address: row.location.address },
    service: { id: row.service.id, nameDe: row.service.nameDe, nameEn: row.service.nameEn },
    sequence: row.sequence,
    cancellable: { allowed: isOpenStatus(row.status) && now < deadline, deadline: deadline.toISOString() },
  };
}

/** Looks a booking up for the citizen's "my appointment" page. */
export async function lookupBooking(deps: ManageDeps, credentials: BookingCredentials): Promise<ManagedBookingView> {
  return toManagedBooking(await findOwnBooking(deps, credentials), deps.now);
}
