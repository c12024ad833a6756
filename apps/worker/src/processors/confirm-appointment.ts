import type { Job } from 'bullmq';
import { confirmAppointment } from '@termin/booking';
import { InvalidTransitionError, NotFoundError } from '@termin/domain';
import { parsePayload } from '@termin/jobs';
import { loadAppointment } from '../appointments';
import type { WorkerContext } from '../context';
import { announceAppointment } from '../live-events';
import { queueNotifications } from '../notify';
import { scheduleReminder } from '../reminders';

/**
 * PENDING → CONFIRMED through the booking lifecycle, then the confirmation and the reminder. Safe
 * to run again: an appointment an earlier run confirmed is refused by the lifecycle and its
 * follow-ups (each with a deterministic job id) are finished without doubling them. Any other
 * refusal (cancelled before the worker got to it) ends the job: a retry could not change it.
 */
export async function processConfirmAppointment(ctx: WorkerContext, job: Pick<Job, 'data'>) {
  const { appointmentId } = parsePayload('confirm-appointment', job.data);
  try {
    await confirmAppointment({ db: ctx.db, now: ctx.now() }, appointmentId);
  } catch (error) {
    if (error instanceof NotFoundError) return { outcome: 'gone' };
    if (!(error instanceof InvalidTransitionError)) throw error;
    if (error.from !== 'CONFIRMED') return { outcome: `status-${error.from}` };
  }
  const appointment = await loadAppointment(ctx.db, appointmentId);
  if (!appointment) return { outcome: 'gone' };

  // Independent of each other (each job id deterministic), so they go to Redis together.
  const [, reminder] = await Promise.all([
    queueNotifications(ctx, 'confirmation', appointment, appointment.sequence),
    scheduleReminder(ctx, appointment),
    announceAppointment(ctx, 'confirmed', appointment),
  ]);
  return { outcome: 'confirmed', reminder };
}
