import { randomUUID } from 'node:crypto';
import { v7 as timeOrderedUuid } from 'uuid';
import { isUniqueViolation, sqlPool, type Db } from '@termin/db';
import {
  addDaysToLocalDate,
  ConflictError,
  contactHash,
  generateBookingCode,
  isRarelyUsed,
  localDateOf,
  normaliseEmail,
  normalisePhone,
  noShowScore,
  NotFoundError,
  scoreBand,
  startOfLocalDayUtc,
  ValidationError,
} from '@termin/domain';
import type { OutboxEventPayload } from '@termin/jobs';
import { bookingWindow, resolveOfferStepByStep, slotsNeeded, type OfferRow } from './availability';
import { loadServiceUsage, type ServiceUsageSource } from './no-show-inputs';

export interface BookingDeps {
  db: Db;
  now: Date;
  /** HMAC key of contact hashes (booking limit, no-show history). */
  contactSecret: string;
  /** Where service usage statistics come from; by default read fresh (the API passes a cached source). */
  serviceUsage?: ServiceUsageSource;
}

export interface BookingInput {
  tenant: string;
  locationId: string;
  serviceId: string;
  startsAt: Date;
  citizen: { name: string; email: string; phone?: string | undefined };
  smsOptIn: boolean;
  language: 'de' | 'en';
  idempotencyKey?: string | undefined;
}

export interface BookingView {
  id: string;
  bookingCode: string;
  status: 'PENDING' | 'CONFIRMED' | 'CHECKED_IN' | 'DONE' | 'NOSHOW' | 'CANCELLED';
  startsAt: string;
  endsAt: string;
  timezone: string;
  location: { name: string; address: string };
  service: { nameDe: string; nameEn: string };
  noShowRisk: { score: number; band: 'green' | 'yellow' | 'red' };
}

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
  service: { nameDe: string; nameEn: string };
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
    service: { nameDe: a.service.nameDe, nameEn: a.service.nameEn },
    noShowRisk: { score: a.noShowScore, band: scoreBand(a.noShowScore) },
  };
}

/** Everything a booking reads, in one round trip (see PREPARE): the offer's columns and more. */
interface PreparedRow extends Omit<OfferRow, 'locationId' | 'serviceId'> {
  chainStarts: Date[] | null;
  chainEnds: Date[] | null;
  pastAppointments: number;
  noShows: number;
  existingId: string | null;
  existingLocationId: string | null;
  existingServiceId: string | null;
  existingStartsAt: Date | null;
  existingEndsAt: Date | null;
  existingStatus: BookingView['status'] | null;
  existingBookingCode: string | null;
  existingNoShowScore: number | null;
  existingContactHash: string | null;
}

/**
 * The offer (tenant, location, service, all active and linked), the chain of slots from the
 * requested start on (as many as the service needs, free or not: fullness is decided under lock),
 * the contact's history and an earlier booking with the same idempotency key. No row: the offer
 * does not exist, and the step-by-step lookup names why.
 */
const PREPARE = `
  SELECT t.id AS "tenantId", t."minLeadMinutes", t."bookingHorizonDays", t."maxBookingsPerContactPerDay",
         l.name AS "locationName", l.address, l.timezone, l."slotMinutes",
         s."nameDe", s."nameEn", s."durationMinutes",
         chain.starts AS "chainStarts", chain.ends AS "chainEnds",
         coalesce(ch.appointments, 0) AS "pastAppointments", coalesce(ch."noShows", 0) AS "noShows",
         e.id AS "existingId", e."locationId" AS "existingLocationId", e."serviceId" AS "existingServiceId",
         e."startsAt" AS "existingStartsAt", e."endsAt" AS "existingEndsAt", e.status::text AS "existingStatus",
         e."bookingCode" AS "existingBookingCode", e."noShowScore" AS "existingNoShowScore", e."contactHash" AS "existingContactHash"
  FROM "LocationService" ls
  JOIN "Location" l ON l.id = ls."locationId" AND l.active
  JOIN "Tenant" t ON t.id = l."tenantId" AND t.slug = $1
  JOIN "Service" s ON s.id = ls."serviceId" AND s.active AND s."tenantId" = t.id
  CROSS JOIN LATERAL (
    SELECT array_agg(c."startsAt" ORDER BY c."startsAt") AS starts, array_agg(c."endsAt" ORDER BY c."startsAt") AS ends
    FROM (
      SELECT "startsAt", "endsAt" FROM "TimeSlot"
      WHERE "locationId" = l.id AND "startsAt" >= $4
      ORDER BY "startsAt"
      LIMIT greatest(1, ceil(s."durationMinutes"::numeric / l."slotMinutes"))::int
    ) c
  ) chain
  LEFT JOIN "ContactHistory" ch ON ch."tenantId" = t.id AND ch."contactHash" = $5
  LEFT JOIN "Appointment" e ON e."tenantId" = t.id AND e."idempotencyKey" = $6
  WHERE ls."locationId" = $2::uuid AND ls."serviceId" = $3::uuid`;

/** The write: contact lock, per-day limit, places on the slots and every row, in the database (migration 20261128000000). */
const WRITE = `SELECT termin_book_appointment($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)`;

/** SQLSTATEs raised by termin_book_appointment. */
const LIMIT_REACHED = 'TB001';
const SLOT_FULL = 'TB002';

const sqlStateOf = (error: unknown) => (error as { code?: unknown } | null)?.code;

/**
 * The booking an idempotency key already made. The same key with a different request is refused,
 * so a client bug cannot silently answer one citizen with another booking.
 */
function replay(row: PreparedRow, view: Omit<AppointmentWithView, 'id' | 'bookingCode' | 'status' | 'startsAt' | 'endsAt' | 'noShowScore'>, expect: { locationId: string; serviceId: string; startsAt: Date; contactHash: string }): BookingResult {
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
 * Books an appointment in two round trips: one read of everything the checks and the no-show
 * score need, then one call of `termin_book_appointment`, which takes the contact's advisory lock
 * (so their per-day limit holds under concurrent requests) and one place on each slot the service
 * needs (a full slot undoes everything), and writes the appointment, its slots, the outbox event
 * and the contact's history. Both go straight to the pg pool: this is the product's hottest write.
 */
export async function bookAppointment(deps: BookingDeps, input: BookingInput): Promise<BookingResult> {
  const { db, now } = deps;
  if (input.smsOptIn && !input.citizen.phone) {
    throw new ValidationError([{ field: 'smsOptIn', code: 'sms_requires_phone' }]);
  }
  const sql = sqlPool(db);
  const hash = contactHash(deps.contactSecret, normaliseEmail(input.citizen.email));
  const { startsAt, idempotencyKey: key } = input;

  const { rows: [row] } = await sql.query<PreparedRow>({
    name: 'booking-prepare',
    text: PREPARE,
    values: [input.tenant, input.locationId, input.serviceId, startsAt, hash, key ?? null],
  });
  if (!row) {
    await resolveOfferStepByStep(db, input.tenant, input.locationId, input.serviceId);
    throw new NotFoundError('service_not_offered'); // it appeared between the two reads
  }
  const location = { id: input.locationId, name: row.locationName, address: row.address, timezone: row.timezone };
  const service = { id: input.serviceId, nameDe: row.nameDe, nameEn: row.nameEn };
  const fingerprint = { locationId: location.id, serviceId: service.id, startsAt, contactHash: hash };

  // A retried request whose booking exists is answered before any time checks: by now its start may be near.
  if (row.existingId) return replay(row, { location, service }, fingerprint);

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
  const dayStart = startOfLocalDayUtc(localDay, location.timezone);
  const dayEnd = startOfLocalDayUtc(addDaysToLocalDate(localDay, 1), location.timezone);

  // Time-ordered ids: new appointments and outbox events land on the last page of their primary key
  // (and AppointmentSlot's) instead of a random one, which cut the write's cost in PostgreSQL by a
  // fifth or more in the benchmark. The booking code, not the id, is what must be unguessable.
  const id = timeOrderedUuid();
  const bookingCode = generateBookingCode();
  const payload: OutboxEventPayload<'appointment.booked'> = { appointmentId: id, sequence: 0 };
  try {
    await sql.query({
      name: 'booking-write',
      text: WRITE,
      values: [
        id, row.tenantId, location.id, service.id, startsAt, endsAt, starts, bookingCode, randomUUID(), score.score,
        input.citizen.name, input.citizen.email.trim(), input.citizen.phone ? normalisePhone(input.citizen.phone) : null,
        input.smsOptIn, input.language, hash, key ?? null, now, dayStart, dayEnd, row.maxBookingsPerContactPerDay,
        timeOrderedUuid(), JSON.stringify(payload),
      ],
    });
  } catch (error) {
    const state = sqlStateOf(error);
    if (state === LIMIT_REACHED) throw new ConflictError('booking_limit_reached', { limit: row.maxBookingsPerContactPerDay });
    if (state === SLOT_FULL) throw new ConflictError('slot_full');
    // Two requests with one key raced: the loser's write is undone, the winner's booking answers both.
    if (key && isUniqueViolation(error)) {
      const { rows: [again] } = await sql.query<PreparedRow>({ name: 'booking-prepare', text: PREPARE, values: [input.tenant, input.locationId, input.serviceId, startsAt, hash, key] });
      if (again?.existingId) return replay(again, { location, service }, fingerprint);
    }
    throw error;
  }
  return {
    booking: toView({ id, bookingCode, status: 'PENDING', startsAt, endsAt, noShowScore: score.score, location, service }),
    created: true,
  };
}
