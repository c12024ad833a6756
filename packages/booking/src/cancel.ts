import { ConflictError } from '@termin/domain';
import { parseOutboxEvent } from '@termin/jobs';
import { findOwnBooking, toManagedBooking } from './lookup';
import { changeDeadline, isOpen, OPEN_STATUSES, TX_OPTIONS, withDeadlockRetry, type BookingCredentials, type ManageDeps, type ManagedBookingView } from './manage';

/**
 * The citizen cancels their own booking until the tenant's deadline. The status condition on the
 * update makes a second (or concurrent) cancellation fail with 409 instead of freeing the slots twice;
 * the slots, the status and the outbox event change in one transaction.
 */
export async function cancelBooking(deps: ManageDeps, credentials: BookingCredentials): Promise<ManagedBookingView> {
  const { db, now } = deps;
  const booking = await findOwnBooking(deps, credentials);
  if (!isOpen(booking.status)) throw new ConflictError('booking_not_cancellable');
  const minutes = booking.tenant.cancellationDeadlineMinutes;
  if (now >= changeDeadline(booking.startsAt, minutes)) throw new ConflictError('cancellation_deadline_passed', { minutes });

  await withDeadlockRetry(() =>
    db.$transaction(async (tx) => {
      const claimed = await tx.appointment.updateMany({
        where: { id: booking.id, status: { in: [...OPEN_STATUSES] } },
        data: { status: 'CANCELLED', cancelledAt: now, sequence: { increment: 1 } },
      });
      if (claimed.count !== 1) throw new ConflictError('booking_not_cancellable');
      // Read after the update: it waited for any concurrent reschedule, so these are the slots held now.
      const held = await tx.appointmentSlot.findMany({ where: { appointmentId: booking.id }, select: { slotId: true } });
      const slotIds = held.map((h) => h.slotId);
      if (slotIds.length > 0) {
        await tx.timeSlot.updateMany({ where: { id: { in: slotIds } }, data: { booked: { decrement: 1 } } });
        // A cancelled booking holds nothing, so every slot's `booked` equals its AppointmentSlot rows.
        await tx.appointmentSlot.deleteMany({ where: { appointmentId: booking.id } });
      }
      const { sequence } = await tx.appointment.findUniqueOrThrow({ where: { id: booking.id }, select: { sequence: true } });
      await tx.outboxEvent.create({
        data: { type: 'appointment.cancelled', payload: parseOutboxEvent('appointment.cancelled', { appointmentId: booking.id, sequence }) },
      });
    }, TX_OPTIONS),
  );

  return toManagedBooking(await findOwnBooking(deps, credentials), now);
}
