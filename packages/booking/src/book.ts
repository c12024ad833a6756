import type { Language as Lang } from '@termin/db';
import { randomUUID } from 'node:crypto';
import { v7 as timeOrderedUuid } from 'uuid';
import type { Db } from '@termin/db';
import type { BookedAppointment } from '@termin/contracts';
import {
  addDaysToLocalDate,
  BOOKED_STATUS,
  ConflictError,
  contactHash,
  generateBookingCode,
  isRarelyUsed,
  localDateOf,
  normaliseEmail,
  normalisePhone,
  noShowScore,
  NotFoundError,
  smsCountryAllowed,
  startOfLocalDayUtc,
  ValidationError,
} from '@termin/domain';
import type { OutboxEventPayload } from '@termin/jobs';
import { validate as isUuid } from 'uuid';
import { bookingWindow, resolveOfferStepByStep, slotsNeeded } from './availability';
import { bookingBatchesOf, type BookingBatches, type PreparedRow } from './booking-batches';
import { loadServiceUsage, type ServiceUsageSource } from './no-show-inputs';

export interface BookingDeps {
  db: Db;
  now: Date;
  /** HMAC key of contact hashes (booking limit, no-show history). */
  contactSecret: string;
  /** Where service usage statistics come from; by default read fresh (the API passes a cached source). */
  serviceUsage?: ServiceUsageSource;
  /** The batches bookings go to PostgreSQL in; by default those shared by every booking through `db`. */
  batches?: BookingBatches;
}

export interface BookingInput {
  tenant: string;
  locationId: string;
  serviceId: string;
  startsAt: Date;
  /** The citizen's own online booking needs an e-mail address; staff booking on their behalf may leave it out. */
  citizen: { name: string; email?: string | undefined; phone?: string | undefined };
  smsOptIn: boolean;
  language: Lang;
  idempotencyKey?: string | undefined;
  /** Online (the citizen, public places only) by default; staff book by phone or at the counter and may use internal places. */
  channel?: BookingChannel;
}

export type BookingChannel = 'online' | 'phone' | 'counter';

/**
 * The contact a booking counts against (per-day limit, no-show history): the e-mail address, else
 * the phone number. A staff booking with neither has no contact to count, so it gets a key of its own.
 */
function contactKey(citizen: BookingInput['citizen']): string {
  if (citizen.email) return normaliseEmail(citizen.email);
  if (citizen.phone) return `phone:${normalisePhone(citizen.phone)}`;
  return `none:${randomUUID()}`;
}

/** The booking as the booking service answers it: the wire format's type. */
export type BookingView = BookedAppointment;

export interface BookingResult {
  booking: BookingView;
  /** False when an earlier request with the same idempotency key made it. */
  created: boolean;
}

type AppointmentWithView = {
  id: string;
  bookingCode: string;
  status: BookingView['status'];
  startsAt: Date;
  endsAt: Date;
  noShowScore: number;
  location: { name: string; address: string; timezone: string };
  service: { nameDe: string; nameEn: string; documentsDe: string | null; documentsEn: string | null; documentsEasy: string | null };
};

function toView(a: AppointmentWithView): BookingView {
  return {
    id: a.id,
    bookingCode: a.bookingCode,
    status: a.status,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    timezone: a.location.timezone,
    location: { name: a.location.name, address: a.location.address },
    service: {
      nameDe: a.service.nameDe,
      nameEn: a.service.nameEn,
      documentsDe: a.service.documentsDe,
      documentsEn: a.service.documentsEn,
      documentsEasy: a.service.documentsEasy,
    },
  };
}

/**
 * The booking an idempotency key already made. The same key with a different request is refused,
 * so a client bug cannot silently answer one citizen with another booking.
 */
function replay(
  row: PreparedRow,
  view: Omit<AppointmentWithView, 'id' | 'bookingCode' | 'status' | 'startsAt' | 'endsAt' | 'noShowScore'>,
  expect: { locationId: string; serviceId: string; startsAt: Date; contactHash: string },
): BookingResult {
  const same =
    row.existingLocationId === expect.locationId &&
    row.existingServiceId === expect.serviceId &&
    row.existingStartsAt!.getTime() === expect.startsAt.getTime() &&
    row.existingContactHash === expect.contactHash;
  if (!same) throw new ConflictError('idempotency_key_reused');
  return {
    booking: toView({
      ...view,
      id: row.existingId!,
      bookingCode: row.existingBookingCode!,
      status: row.existingStatus!,
      startsAt: row.existingStartsAt!,
      endsAt: row.existingEndsAt!,
      noShowScore: row.existingNoShowScore!,
    }),
    created: false,
  };
}

/**
 * Books an appointment in two batched round trips (booking-batches.ts): one read of everything the
 * checks and the no-show score need, then one call of `termin_book_appointments`, which takes the
 * contact's advisory lock (so their per-day limit holds under concurrent requests) and one place on
 * each slot the service needs (a full slot gives back what it took), and writes the appointment,
 * its slots, the outbox event and the contact's history.
 */
export async function bookAppointment(deps: BookingDeps, input: BookingInput): Promise<BookingResult> {
  const { db, now } = deps;
  if (input.smsOptIn && !input.citizen.phone) {
    throw new ValidationError([{ field: 'smsOptIn', code: 'sms_requires_phone' }]);
  }
  // PostgreSQL would refuse a malformed id with an error (in a batch, and in the step-by-step lookup): it names nothing.
  if (!isUuid(input.locationId)) throw new NotFoundError('location_not_found');
  if (!isUuid(input.serviceId)) throw new NotFoundError('service_not_found');
  const batches = deps.batches ?? bookingBatchesOf(db);
  const channel = input.channel ?? 'online';
  if (channel === 'online' && !input.citizen.email) throw new ValidationError([{ field: 'email', code: 'field_required' }]);
  const hash = contactHash(deps.contactSecret, contactKey(input.citizen));
  const { startsAt } = input;
  const key = input.idempotencyKey ?? null;
  const request = { tenant: input.tenant, locationId: input.locationId, serviceId: input.serviceId, startsAt, contactHash: hash, idempotencyKey: key };

  const row = await batches.prepare(request);
  if (!row) {
    await resolveOfferStepByStep(db, input.tenant, input.locationId, input.serviceId);
    throw new NotFoundError('service_not_offered'); // it appeared between the two reads
  }
  const location = { id: input.locationId, name: row.locationName, address: row.address, timezone: row.timezone };
  const service = {
    id: input.serviceId,
    nameDe: row.nameDe,
    nameEn: row.nameEn,
    documentsDe: row.documentsDe,
    documentsEn: row.documentsEn,
    documentsEasy: row.documentsEasy,
  };
  const fingerprint = { locationId: location.id, serviceId: service.id, startsAt, contactHash: hash };

  // A retried request whose booking exists is answered before any time checks: by now its start may be near.
  if (row.existingId) return replay(row, { location, service }, fingerprint);

  // SMS pumping: reminders go only to the countries the municipality serves, refused before anything is booked.
  if (input.smsOptIn && input.citizen.phone && !smsCountryAllowed(normalisePhone(input.citizen.phone), row.smsCountryCodes)) {
    throw new ValidationError([{ field: 'citizen.phone', code: 'sms_country_not_allowed', params: { codes: row.smsCountryCodes.join(', ') } }]);
  }

  const window = bookingWindow(row, now);
  if (startsAt.getTime() <= now.getTime()) throw new ValidationError([{ field: 'startsAt', code: 'slot_in_past' }], 'slot_in_past');
  if (startsAt < window.earliest) {
    throw new ValidationError([{ field: 'startsAt', code: 'too_soon', params: { minutes: row.minLeadMinutes } }], 'too_soon', undefined);
  }
  if (startsAt >= window.latest) {
    throw new ValidationError([{ field: 'startsAt', code: 'beyond_horizon', params: { days: row.bookingHorizonDays } }], 'beyond_horizon');
  }

  // The chain of slots the service needs must exist back to back.
  const starts = row.chainStarts ?? [];
  const ends = row.chainEnds ?? [];
  const chained =
    starts.length === slotsNeeded(row.durationMinutes, row.slotMinutes) &&
    starts[0]!.getTime() === startsAt.getTime() &&
    starts.every((s, i) => i === 0 || s.getTime() === ends[i - 1]!.getTime());
  if (!chained) throw new NotFoundError('slot_not_found');
  const endsAt = new Date(startsAt.getTime() + row.durationMinutes * 60_000);

  const usage = await (deps.serviceUsage ?? loadServiceUsage)(db, row.tenantId, now);
  const score = noShowScore({
    bookedAt: now,
    startsAt,
    timezone: location.timezone,
    serviceRarelyUsed: isRarelyUsed(usage.perService.get(service.id) ?? 0, usage.averagePerService),
    history: { past: row.pastAppointments, noShows: row.noShows },
  });

  const localDay = localDateOf(startsAt, location.timezone);
  const booking = {
    tenant: row.tenantId,
    location: location.id,
    service: service.id,
    starts_at: startsAt,
    ends_at: endsAt,
    slot_starts: starts,
    score: score.score,
    name: input.citizen.name,
    email: input.citizen.email?.trim() || null,
    phone: input.citizen.phone ? normalisePhone(input.citizen.phone) : null,
    sms_opt_in: input.smsOptIn,
    language: input.language,
    channel,
    contact_hash: hash,
    idempotency_key: key,
    now,
    day_start: startOfLocalDayUtc(localDay, location.timezone),
    day_end: startOfLocalDayUtc(addDaysToLocalDate(localDay, 1), location.timezone),
    max_per_day: row.maxBookingsPerContactPerDay,
  };

  // Without an idempotency key a unique conflict can only be a booking code or id that is taken
  // already (about one in 2^80): the booking is tried once more with new ones.
  for (let attempt = 0; ; attempt++) {
    // Time-ordered ids: new appointments and outbox events land on the last page of their primary key
    // (and AppointmentSlot's) instead of a random one, which cut the write's cost in PostgreSQL by a
    // fifth or more in the benchmark. The booking code, not the id, is what must be unguessable.
    const id = timeOrderedUuid();
    const bookingCode = generateBookingCode();
    const payload: OutboxEventPayload<'appointment.booked'> = { appointmentId: id, sequence: 0 };
    const outcome = await batches.write({
      ...booking,
      id,
      booking_code: bookingCode,
      qr_code: randomUUID(),
      outbox_id: timeOrderedUuid(),
      outbox_payload: payload,
    });
    switch (outcome) {
      case 'booked':
        return {
          booking: toView({ id, bookingCode, status: BOOKED_STATUS, startsAt, endsAt, noShowScore: score.score, location, service }),
          created: true,
        };
      case 'limit_reached':
        throw new ConflictError('booking_limit_reached', { limit: row.maxBookingsPerContactPerDay });
      case 'slot_full':
        throw new ConflictError('slot_full');
      case 'conflict': {
        // Two requests with one key raced: the winner's booking answers both.
        if (key) {
          const again = await batches.prepare(request);
          if (again?.existingId) return replay(again, { location, service }, fingerprint);
        }
        if (attempt > 0) throw new ConflictError('booking_conflict');
      }
    }
  }
}
