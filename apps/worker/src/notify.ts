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
  if (appointment.citizenEmail) await ctx.queues.email.add(kind, payload, { jobId });
  if (ctx.sms && appointment.smsOptIn && appointment.citizenPhone) await ctx.queues.sms.add(kind, payload, { jobId });
}
