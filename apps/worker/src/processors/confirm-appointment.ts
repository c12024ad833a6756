import type { Job } from 'bullmq';
import { parsePayload } from '@termin/jobs';
import { loadAppointment } from '../appointments';
import type { WorkerContext } from '../context';
import { announceAppointment } from '../live-events';
import { queueNotifications } from '../notify';
import { scheduleReminder } from '../reminders';

/**
 * PENDING → CONFIRMED, then the confirmation and the reminder. Safe to run again: the update is
 * conditional and every follow-up job has a deterministic id, so a retry after a crash between
 * the steps finishes the work without doubling it.
 */
export async function processConfirmAppointment(ctx: WorkerContext, job: Job) {
  const { appointmentId } = parsePayload('confirm-appointment', job.data);
  await ctx.db.appointment.updateMany({
    where: { id: appointmentId, status: 'PENDING' },
    data: { status: 'CONFIRMED', confirmedAt: ctx.now() },
  });
  const appointment = await loadAppointment(ctx.db, appointmentId);
  // Cancelled (or already past) before the worker got to it: nothing to confirm.
  if (!appointment || appointment.status !== 'CONFIRMED') return { outcome: appointment ? `status-${appointment.status}` : 'gone' };

  await queueNotifications(ctx, 'confirmation', appointment, appointment.sequence);
  const reminder = await scheduleReminder(ctx, appointment);
  await announceAppointment(ctx, 'confirmed', appointment);
  return { outcome: 'confirmed', reminder };
}
