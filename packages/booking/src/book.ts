import { randomUUID } from 'node:crypto';
import { isUniqueViolation, type Db } from '@termin/db';
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
import { bookingWindow, resolveOffer, slotsNeeded } from './availability';
import { loadNoShowInputs, type ServiceUsageSource } from './no-show-inputs';
import { BOOKING_TX_OPTIONS } from './slots-service';

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

const viewInclude = {
  location: { select: { name: true, address: true, timezone: true } },
  service: { select: { nameDe: true, nameEn: true } },
} as const;

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

/**
 * The booking an idempotency key already made. The same key with a different request is refused,
 * so a client bug cannot silently answer one citizen with another booking.
 */
async function replay(db: Db, tenantId: string, key: string, expect: { locationId: string; serviceId: string; startsAt: Date; contactHash: string }) {
  const existing = await db.appointment.findUnique({ where: { tenantId_idempotencyKey: { tenantId, idempotencyKey: key } }, include: viewInclude });
  if (!existing) return null;
  const same =
    existing.locationId === expect.locationId &&
    existing.serviceId === expect.serviceId &&
    existing.startsAt.getTime() === expect.startsAt.getTime() &&
    existing.contactHash === expect.contactHash;
  if (!same) throw new ConflictError('idempotency_key_reused');
  return { booking: toView(existing), created: false };
}

/**
 * Books an appointment: checks run first without locks, then one transaction takes the contact's
 * advisory lock (so their per-day limit holds under concurrent requests), one place on each slot
 * the service needs (a full slot rolls everything back), and writes the appointment, its slots,
 * the outbox event and the contact's history.
 */
export async function bookAppointment(deps: BookingDeps, input: BookingInput): Promise<BookingResult> {
  const { db, now } = deps;
  if (input.smsOptIn && !input.citizen.phone) {
    throw new ValidationError([{ field: 'smsOptIn', code: 'sms_requires_phone' }]);
  }
  const { tenant, location, service } = await resolveOffer(db, input.tenant, input.locationId, input.serviceId);
  const hash = contactHash(deps.contactSecret, normaliseEmail(input.citizen.email));
  const startsAt = input.startsAt;
  const key = input.idempotencyKey;
  const fingerprint = { locationId: location.id, serviceId: service!.id, startsAt, contactHash: hash };

  // A retried request whose booking exists is answered before any time checks: by now its start may be near.
  if (key) {
    const earlier = await replay(db, tenant.id, key, fingerprint);
    if (earlier) return earlier;
  }

  const window = bookingWindow(tenant, now);
  if (startsAt.getTime() <= now.getTime()) throw new ValidationError([{ field: 'startsAt', code: 'slot_in_past' }], 'slot_in_past');
  if (startsAt < window.earliest) {
    throw new ValidationError([{ field: 'startsAt', code: 'too_soon', params: { minutes: tenant.minLeadMinutes } }], 'too_soon', undefined);
  }
  if (startsAt >= window.latest) {
    throw new ValidationError([{ field: 'startsAt', code: 'beyond_horizon', params: { days: tenant.bookingHorizonDays } }], 'beyond_horizon');
  }

  // The chain of slots the service needs must exist back to back (free or not: fullness is decided under lock).
  const needed = slotsNeeded(service!.durationMinutes, location.slotMinutes);
  const [slots, inputs] = await Promise.all([
    db.timeSlot.findMany({
      where: { locationId: location.id, startsAt: { gte: startsAt } },
      orderBy: { startsAt: 'asc' },
      take: needed,
      select: { startsAt: true, endsAt: true },
    }),
    loadNoShowInputs(db, { tenantId: tenant.id, serviceId: service!.id, contactHash: hash, now }, deps.serviceUsage),
  ]);
  const chained =
    slots.length === needed &&
    slots[0]!.startsAt.getTime() === startsAt.getTime() &&
    slots.every((s, i) => i === 0 || s.startsAt.getTime() === slots[i - 1]!.endsAt.getTime());
  if (!chained) throw new NotFoundError('slot_not_found');
  const endsAt = new Date(startsAt.getTime() + service!.durationMinutes * 60_000);

  const score = noShowScore({
    bookedAt: now,
    startsAt,
    timezone: location.timezone,
    serviceRarelyUsed: isRarelyUsed(inputs.serviceBookingsLast90d, inputs.avgBookingsPerService),
    history: inputs.history,
  });

  const localDay = localDateOf(startsAt, location.timezone);
  const dayStart = startOfLocalDayUtc(localDay, location.timezone);
  const dayEnd = startOfLocalDayUtc(addDaysToLocalDate(localDay, 1), location.timezone);

  const id = randomUUID();
  const bookingCode = generateBookingCode();
  const starts = slots.map((slot) => slot.startsAt.toISOString());
  try {
    // Raw SQL on purpose: this is the hottest write of the product, and two statements carry it.
    await db.$transaction(async (tx) => {
      // The lock comes first and alone: the next statement's snapshot is taken after it is held,
      // so its count sees every booking of this contact that committed meanwhile.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`booking:${tenant.id}:${hash}`}, 0))`;
      const payload: OutboxEventPayload<'appointment.booked'> = { appointmentId: id, sequence: 0 };
      // Everything else in one statement (each round trip costs more than the rows): count the
      // contact's bookings that day; under the limit, take one place on every slot the service
      // needs, each only while `booked < capacity` (the CHECK constraint backs this up); if all were
      // taken, write the appointment, its slots, the outbox event and the contact's history.
      // Anything short of that is rolled back below.
      const [result] = await tx.$queryRaw<[{ sameDay: number; taken: number; written: number }]>`
        WITH same_day AS (
          SELECT count(*)::int AS n FROM "Appointment"
          WHERE "tenantId" = ${tenant.id}::uuid AND "contactHash" = ${hash} AND status <> 'CANCELLED'
            AND "startsAt" >= ${dayStart} AND "startsAt" < ${dayEnd}
        ), taken AS (
          UPDATE "TimeSlot" SET booked = booked + 1
          WHERE "locationId" = ${location.id}::uuid AND "startsAt" = ANY(${starts}::timestamptz[]) AND booked < capacity
            AND (SELECT n FROM same_day) < ${tenant.maxBookingsPerContactPerDay}
          RETURNING id
        ), complete AS (
          SELECT count(*) = ${slots.length} AS ok FROM taken
        ), appointment AS (
          INSERT INTO "Appointment" (id, "tenantId", "locationId", "serviceId", "startsAt", "endsAt", status, "bookingCode", "qrCode",
            "noShowScore", "citizenName", "citizenEmail", "citizenPhone", "smsOptIn", language, "contactHash", "idempotencyKey",
            "bookedAt", "updatedAt")
          SELECT ${id}::uuid, ${tenant.id}::uuid, ${location.id}::uuid, ${service!.id}::uuid, ${startsAt}, ${endsAt}, 'PENDING', ${bookingCode},
            ${randomUUID()}::uuid, ${score.score}, ${input.citizen.name}, ${input.citizen.email.trim()},
            ${input.citizen.phone ? normalisePhone(input.citizen.phone) : null}, ${input.smsOptIn}, ${input.language}::"Language", ${hash},
            ${key ?? null}, ${now}, ${now}
          FROM complete WHERE complete.ok
          RETURNING id
        ), held AS (
          INSERT INTO "AppointmentSlot" ("appointmentId", "slotId") SELECT appointment.id, taken.id FROM appointment, taken
        ), outbox AS (
          INSERT INTO "OutboxEvent" (id, type, payload) SELECT ${randomUUID()}::uuid, 'appointment.booked', ${JSON.stringify(payload)}::jsonb FROM appointment
        ), history AS (
          INSERT INTO "ContactHistory" ("tenantId", "contactHash", appointments, "noShows", "lastSeenAt")
          SELECT ${tenant.id}::uuid, ${hash}, 1, 0, ${now} FROM appointment
          ON CONFLICT ("tenantId", "contactHash") DO UPDATE SET appointments = "ContactHistory".appointments + 1, "lastSeenAt" = EXCLUDED."lastSeenAt"
          RETURNING 1
        )
        SELECT (SELECT n FROM same_day) AS "sameDay", (SELECT count(*)::int FROM taken) AS taken, (SELECT count(*)::int FROM history) AS written`;
      if (result.sameDay >= tenant.maxBookingsPerContactPerDay) {
        throw new ConflictError('booking_limit_reached', { limit: tenant.maxBookingsPerContactPerDay });
      }
      if (result.taken < slots.length) throw new ConflictError('slot_full');
      if (result.written !== 1) throw new Error('booking statement took its places but wrote no appointment');
    }, BOOKING_TX_OPTIONS);
    return {
      booking: toView({ id, bookingCode, status: 'PENDING', startsAt, endsAt, noShowScore: score.score, location, service: service! }),
      created: true,
    };
  } catch (error) {
    // Two requests with one key raced: the loser's transaction is rolled back, the winner's booking answers both.
    if (key && isUniqueViolation(error)) {
      const winner = await replay(db, tenant.id, key, fingerprint);
      if (winner) return winner;
    }
    throw error;
  }
}
