import type { Job } from 'bullmq';
import { parsePayload } from '@termin/jobs';
import { loadAppointment } from '../appointments';
import type { WorkerContext } from '../context';
import { queueNotifications } from '../notify';

/** Fires at the reminder time; sends only if the appointment is still confirmed and unchanged. */
export async function processReminder(ctx: WorkerContext, job: Job) {
  const { appointmentId, sequence } = parsePayload('reminder', job.data);
  const appointment = await loadAppointment(ctx.db, appointmentId);
  if (!appointment || appointment.status !== 'CONFIRMED' || appointment.sequence !== sequence) {
    return { outcome: 'outdated' };
  }
  await queueNotifications(ctx, 'reminder', appointment, sequence);
  return { outcome: 'queued' };
}
