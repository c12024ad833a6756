import { notificationJobId, type NotificationKindName } from '@termin/jobs';
import type { LoadedAppointment } from './appointments';
import type { WorkerContext } from './context';

/**
 * Queues the e-mail and, with opt-in and a phone number, the SMS for one message. Job ids derive
 * from kind, appointment and sequence, so queueing the same message twice is a no-op.
 */
export async function queueNotifications(ctx: WorkerContext, kind: NotificationKindName, appointment: LoadedAppointment, sequence: number): Promise<void> {
  const payload = { appointmentId: appointment.id, kind, sequence };
  const jobId = notificationJobId(kind, appointment.id, sequence);
  await Promise.all([
    appointment.citizenEmail ? ctx.queues.email.add(kind, payload, { jobId }) : null,
    ctx.sms && appointment.smsOptIn && appointment.citizenPhone ? ctx.queues.sms.add(kind, payload, { jobId }) : null,
  ]);
}
