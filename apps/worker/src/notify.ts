import { notificationJobId, type NotificationKindName } from '@termin/jobs';
import type { LoadedAppointment } from './appointments';
import type { WorkerContext } from './context';

/**
 * Queues the e-mail and, with opt-in and a phone number, the SMS for one message. Job ids derive
 * from kind, appointment and sequence, so queueing the same message twice is a no-op.
 */
export async function queueNotifications(ctx: WorkerContext, kind: NotificationKindName, appointment: LoadedAppointment, sequence: number): Promise<void> {
  const job = notificationJob(kind, appointment, sequence);
  await Promise.all([
    appointment.citizenEmail ? ctx.queues.email.add(job.name, job.data, job.opts) : null,
    wantsSms(ctx, appointment) ? ctx.queues.sms.add(job.name, job.data, job.opts) : null,
  ]);
}

/** Whether the appointment's messages also go out as SMS: opted in, a number, and SMS configured. */
export function wantsSms(ctx: WorkerContext, appointment: LoadedAppointment): boolean {
  return Boolean(ctx.sms && appointment.smsOptIn && appointment.citizenPhone);
}

/** The e-mail or SMS job of one message, as `add` and `addBulk` take it. */
export function notificationJob(kind: NotificationKindName, appointment: LoadedAppointment, sequence: number, delay?: number) {
  return {
    name: kind,
    data: { appointmentId: appointment.id, kind, sequence },
    opts: { jobId: notificationJobId(kind, appointment.id, sequence), ...(delay ? { delay } : {}) },
  };
}
