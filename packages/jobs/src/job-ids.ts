import type { NotificationKindName } from './queues';

/*
 * Deterministic job ids: adding a job whose id already exists is a no-op in BullMQ, so a producer
 * that retries (the outbox relay after a crash, a confirm job run twice) never doubles the work.
 * BullMQ refuses ids with a ":" unless they have exactly three parts, hence the other separators.
 */

/** The one pending reminder of an appointment at a given sequence. */
export function reminderJobId(appointmentId: string, sequence: number): string {
  return `reminder:${appointmentId}:${sequence}`;
}

export function notificationJobId(kind: NotificationKindName, appointmentId: string, sequence: number): string {
  return `${kind}_${appointmentId}_${sequence}`;
}

/** Unique NotificationLog key: one row, and so at most one successful send, per message. */
export function notificationDedupeKey(channel: 'email' | 'sms', kind: NotificationKindName, appointmentId: string, sequence: number): string {
  return `${channel}:${kind}:${appointmentId}:${sequence}`;
}

/** Makes any job id usable inside another job id. */
export function jobIdPart(jobId: string): string {
  return jobId.replace(/:/g, '_');
}
