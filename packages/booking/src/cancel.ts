import { TX_OPTIONS, type Tx } from '@termin/db';
import { ConflictError } from '@termin/domain';
import { parseOutboxEvent } from '@termin/jobs';
import { transition } from './lifecycle';
import { findOwnBooking, toManagedBooking } from './lookup';
import { changeDeadline, withDeadlockRetry, type BookingCredentials, type ManageDeps, type ManagedBookingView } from './manage';

/**
 * The citizen cancels their own booking until the tenant's deadline. The lifecycle's conditional
 * update makes a cancellation of a booking that is no longer open (also a second or concurrent
 * one) fail with 409 instead of freeing the slots twice; the slots, the status and the outbox
 * event change in one transaction.
 */
export async function cancelBooking(deps: ManageDeps, credentials: BookingCredentials): Promise<ManagedBookingView> {
  const booking = await findOwnBooking(deps, credentials);
  await cancelHeld(deps, booking, { deadlineMinutes: booking.tenant.cancellationDeadlineMinutes });
  return toManagedBooking(await findOwnBooking(deps, credentials), deps.now);
}

export interface CancelOptions {
  /** The citizen's own cancellation ends this many minutes before the start; staff have none (null). */
  deadlineMinutes: number | null;
  /** Further writes of the same transaction (the staff's audit entry). */
  also?: (tx: Tx) => Promise<void>;
}

/**
 * Cancels a booking that was found for its caller (the citizen by code and e-mail, staff by id in
 * their location): status, slots and the outbox event (which notifies the citizen) in one transaction.
 */
export async function cancelHeld(deps: Pick<ManageDeps, 'db' | 'now'>, booking: { id: string }, options: CancelOptions): Promise<void> {
  const { db, now } = deps;
  const minutes = options.deadlineMinutes;
  await withDeadlockRetry(() =>
    db.$transaction(async (tx) => {
      const cancelled = await transition(tx, {
        appointmentId: booking.id,
        step: 'cancel',
        data: { cancelledAt: now, cancelledBy: 'CITIZEN', sequence: { increment: 1 } },
      });
      // Checked on the row as the update left it (a concurrent reschedule may have moved it); throwing rolls the cancellation back.
      if (minutes !== null && now >= changeDeadline(cancelled.startsAt, minutes)) throw new ConflictError('cancellation_deadline_passed', { minutes });
      // Read after the update: it waited for any concurrent reschedule, so these are the slots held now.
      const held = await tx.appointmentSlot.findMany({ where: { appointmentId: booking.id }, select: { slotId: true } });
      const slotIds = held.map((h) => h.slotId);
      if (slotIds.length > 0) {
        await tx.timeSlot.updateMany({ where: { id: { in: slotIds } }, data: { booked: { decrement: 1 } } });
        // A cancelled booking holds nothing, so every slot's `booked` equals its AppointmentSlot rows.
        await tx.appointmentSlot.deleteMany({ where: { appointmentId: booking.id } });
      }
      await tx.outboxEvent.create({
        data: { type: 'appointment.cancelled', payload: parseOutboxEvent('appointment.cancelled', { appointmentId: booking.id, sequence: cancelled.sequence }) },
      });
      await options.also?.(tx);
    }, TX_OPTIONS),
  );
}
