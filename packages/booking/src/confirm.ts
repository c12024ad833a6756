import { TX_OPTIONS, type Db } from '@termin/db';
import { transition, type TransitionedAppointment } from './lifecycle';

/**
 * PENDING → CONFIRMED, as the worker does it once the booking's outbox event arrives. Throws
 * `InvalidTransitionError` for any other status (cancelled before the worker got to it, or
 * confirmed by an earlier run of the same job).
 */
export async function confirmAppointment(deps: { db: Db; now: Date }, appointmentId: string): Promise<TransitionedAppointment> {
  return deps.db.$transaction((tx) => transition(tx, { appointmentId, step: 'confirm', data: { confirmedAt: deps.now } }), TX_OPTIONS);
}
