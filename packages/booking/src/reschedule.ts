import { addDaysToLocalDate, ConflictError, DomainError, localDateOf, startOfLocalDayUtc, ValidationError } from '@termin/domain';
import { parseOutboxEvent } from '@termin/jobs';
import { TX_OPTIONS, type DbOrTx, type Tx } from '@termin/db';
import { transition } from './lifecycle';
import { findOwnBooking, toManagedBooking, type OwnBooking } from './lookup';
import { changeDeadline, withDeadlockRetry, type BookingCredentials, type ManageDeps, type ManagedBookingView } from './manage';

export interface RescheduleInput extends BookingCredentials {
  /** Start of the new first slot (UTC). */
  startsAt: Date;
}

interface SlotRef {
  id: string;
  startsAt: Date;
  endsAt: Date;
}

/** The same rules as a new booking: not in the past, not sooner than the lead time, not beyond the horizon. */
export function assertBookableTime(booking: Pick<OwnBooking, 'tenant'>, startsAt: Date, now: Date): void {
  if (Number.isNaN(startsAt.getTime())) throw new ValidationError([{ field: 'startsAt', code: 'field_invalid' }]);
  const { minLeadMinutes, bookingHorizonDays } = booking.tenant;
  if (startsAt <= now) throw new DomainError('slot_in_past', 'invalid');
  if (startsAt.getTime() < now.getTime() + minLeadMinutes * 60_000) throw new DomainError('slot_too_soon', 'invalid', undefined, { minutes: minLeadMinutes });
  if (startsAt.getTime() > now.getTime() + bookingHorizonDays * 86_400_000)
    throw new DomainError('slot_beyond_horizon', 'invalid', undefined, { days: bookingHorizonDays });
}

/**
 * The consecutive slots a booking of this length needs from `startsAt`: as many as it holds now
 * (or, for a booking that somehow holds none, as its service's duration needs).
 */
async function consecutiveSlots(db: DbOrTx, booking: HeldBooking, startsAt: Date): Promise<SlotRef[]> {
  const count = booking.slots.length || Math.max(1, Math.ceil(booking.service.durationMinutes / booking.location.slotMinutes));
  const slots = await db.timeSlot.findMany({
    where: { locationId: booking.locationId, startsAt: { gte: startsAt } },
    orderBy: { startsAt: 'asc' },
    take: count,
    select: { id: true, startsAt: true, endsAt: true },
  });
  const consecutive =
    slots.length === count &&
    slots[0]!.startsAt.getTime() === startsAt.getTime() &&
    slots.every((s, i) => i === 0 || s.startsAt.getTime() === slots[i - 1]!.endsAt.getTime());
  if (!consecutive) throw new ConflictError('slot_not_available');
  return slots;
}

/**
 * The per-contact daily limit counts a moved booking on its new day as a new booking would: under
 * the contact's advisory lock (the booking function's, taken before any slot lock, so the two never
 * wait for each other in a circle), the contact's other open bookings of that local day are counted.
 */
async function assertContactDayLimit(tx: DbOrTx, booking: HeldBooking, startsAt: Date): Promise<void> {
  const limit = booking.tenant.maxBookingsPerContactPerDay;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${'booking:' + booking.tenantId + ':' + booking.contactHash}, 0))`;
  const day = localDateOf(startsAt, booking.location.timezone);
  const others = await tx.appointment.count({
    where: {
      tenantId: booking.tenantId,
      contactHash: booking.contactHash,
      status: { not: 'CANCELLED' },
      id: { not: booking.id },
      startsAt: { gte: startOfLocalDayUtc(day, booking.location.timezone), lt: startOfLocalDayUtc(addDaysToLocalDate(day, 1), booking.location.timezone) },
    },
  });
  if (others >= limit) throw new ConflictError('booking_limit_reached', { limit });
}

/**
 * Moves a booking to other slots in one transaction. The lifecycle's conditional update moves the
 * appointment only while it is open and still at the sequence it was read with, so a concurrent
 * cancel or second reschedule of the same booking fails instead of double-moving it. The new slots
 * are then taken, each with a conditional increment, so a full slot (409 slot_full) rolls
 * everything back and the citizen keeps their old appointment; only then are the old slots freed.
 */
export async function rescheduleBooking(deps: ManageDeps, input: RescheduleInput): Promise<ManagedBookingView> {
  const booking = await findOwnBooking(deps, input);
  await moveHeld(deps, booking, input.startsAt, { deadlineMinutes: booking.tenant.cancellationDeadlineMinutes });
  return toManagedBooking(await findOwnBooking(deps, input), deps.now);
}

/** What moving a booking reads of it (the citizen's and the staff's lookups both give it). */
export type HeldBooking = Pick<
  OwnBooking,
  'id' | 'tenantId' | 'contactHash' | 'locationId' | 'serviceId' | 'startsAt' | 'endsAt' | 'sequence' | 'channel' | 'tenant' | 'location' | 'service' | 'slots'
>;

export interface MoveOptions {
  /** The citizen may move until this many minutes before the old start; staff have no such deadline (null). */
  deadlineMinutes: number | null;
  also?: (tx: Tx) => Promise<void>;
}

/**
 * Moves a booking found for its caller. The new slots must have room and the service places left on
 * them for the booking's channel (an online booking only the public share), checked with the slots
 * locked by the conditional increment; a refusal rolls everything back.
 */
export async function moveHeld(deps: Pick<ManageDeps, 'db' | 'now'>, booking: HeldBooking, startsAt: Date, options: MoveOptions): Promise<void> {
  const { db, now } = deps;
  const minutes = options.deadlineMinutes;
  const endsAt = new Date(startsAt.getTime() + (booking.endsAt.getTime() - booking.startsAt.getTime()));
  // Checks of the request alone; whether the booking may still move is the transaction's to decide.
  assertBookableTime(booking, startsAt, now);
  if (startsAt.getTime() === booking.startsAt.getTime()) throw new ConflictError('reschedule_same_time');

  await withDeadlockRetry(() =>
    db.$transaction(async (tx) => {
      await assertContactDayLimit(tx, booking, startsAt);
      await transition(tx, {
        appointmentId: booking.id,
        step: 'reschedule',
        where: { sequence: booking.sequence },
        data: { startsAt, endsAt, sequence: { increment: 1 } },
      });
      // After the status (a finished booking is refused as such); throwing rolls the move back. The
      // sequence condition makes `booking` the row as it was moved.
      if (minutes !== null && now >= changeDeadline(booking.startsAt, minutes)) throw new ConflictError('cancellation_deadline_passed', { minutes });

      const target = await consecutiveSlots(tx, booking, startsAt);
      const heldIds = new Set(booking.slots.map((s) => s.slot.id));
      const targetIds = new Set(target.map((s) => s.id));
      // Slots in both sets (a move by less than the booking's length) stay held: no take, no release.
      const toTake = target.filter((s) => !heldIds.has(s.id));
      const toRelease = [...heldIds].filter((id) => !targetIds.has(id));
      for (const slot of toTake) {
        const taken = await tx.$executeRaw`UPDATE "TimeSlot" SET "booked" = "booked" + 1 WHERE "id" = ${slot.id}::uuid AND "booked" < "capacity"`;
        if (taken !== 1) throw new ConflictError('slot_full');
      }
      if (toRelease.length > 0) {
        await tx.timeSlot.updateMany({ where: { id: { in: toRelease } }, data: { booked: { decrement: 1 } } });
        await tx.appointmentSlot.deleteMany({ where: { appointmentId: booking.id, slotId: { in: toRelease } } });
      }
      if (toTake.length > 0) {
        await tx.appointmentSlot.createMany({ data: toTake.map((s) => ({ appointmentId: booking.id, slotId: s.id })) });
        // With the new slots locked by the increments above: the service's places on them, this booking included.
        const online = booking.channel === 'online';
        const [over] = await tx.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n
          FROM "TimeSlot" t
          JOIN "Service" sv ON sv.id = ${booking.serviceId}::uuid
          CROSS JOIN LATERAL (
            SELECT count(*) AS taken, count(*) FILTER (WHERE a.channel = 'online') AS online_taken
            FROM "AppointmentSlot" h
            CROSS JOIN LATERAL (SELECT a.channel FROM "Appointment" a WHERE a.id = h."appointmentId" AND a."serviceId" = sv.id OFFSET 0) a
            WHERE h."slotId" = t.id
          ) u
          WHERE t.id = ANY (${toTake.map((s) => s.id)}::uuid[])
            AND (u.taken > sv."slotCapacity" OR (${online} AND u.online_taken > sv."slotCapacity" - sv."internalPlaces"))`;
        if ((over?.n ?? 0) > 0) throw new ConflictError('slot_full');
      }
      await tx.outboxEvent.create({
        data: {
          type: 'appointment.rescheduled',
          payload: parseOutboxEvent('appointment.rescheduled', { appointmentId: booking.id, sequence: booking.sequence + 1 }),
        },
      });
      await options.also?.(tx);
    }, TX_OPTIONS),
  );
}
