import { z } from 'zod';

/** Most bookings one confirm job takes; the relay splits longer runs. */
export const CONFIRM_BATCH_MAX = 25;

const notificationKind = z.enum(['confirmation', 'cancellation', 'reschedule', 'reminder']);

/** The queues that have a worker; `dead-letter` is only a parking place for jobs that gave up. */
export const workQueueNames = ['confirm-appointment', 'email', 'sms', 'reminder', 'retention', 'publish-slots'] as const;
export type WorkQueueName = (typeof workQueueNames)[number];

/**
 * The queues and their payloads. A payload carries ids only: the worker reads the current state from
 * the database, so no personal data sits in Redis and a retried job never acts on stale data.
 */
export const jobPayloads = {
  /**
   * Bookings to confirm together: the relay hands over a run of them as one job, so a release rush
   * costs a few statements and jobs per run instead of per booking (apps/worker/BENCHMARK.md).
   */
  'confirm-appointment': z.union([
    z.object({ appointmentIds: z.array(z.uuid()).min(1).max(CONFIRM_BATCH_MAX) }),
    // The one-booking shape of earlier releases: jobs queued and dead letters parked before an upgrade still run.
    z.object({ appointmentId: z.uuid() }).transform(({ appointmentId }) => ({ appointmentIds: [appointmentId] })),
  ]),
  email: z.object({
    appointmentId: z.uuid(),
    kind: notificationKind,
    /** Appointment sequence the message describes; part of the de-duplication key. */
    sequence: z.number().int().min(0),
  }),
  sms: z.object({
    appointmentId: z.uuid(),
    kind: notificationKind,
    sequence: z.number().int().min(0),
  }),
  reminder: z.object({ appointmentId: z.uuid(), sequence: z.number().int().min(0) }),
  /** Nightly data minimisation (applyRetention); scheduled by the worker, no payload. */
  retention: z.object({}),
  /**
   * Fills the booking horizon with slots from the rules: one location after a rule change (its
   * rules version in the job id), every location on the daily run (no id).
   */
  'publish-slots': z.object({ locationId: z.uuid().optional(), rulesVersion: z.number().int().min(0).optional() }),
  /**
   * A job that failed for good: its queue, id and payload (ids only) and a reason free of
   * personal data, so an admin can see what went wrong and send it again.
   */
  'dead-letter': z.object({
    queue: z.enum(workQueueNames),
    jobId: z.string(),
    jobName: z.string(),
    payload: z.record(z.string(), z.unknown()),
    appointmentId: z.uuid().nullable(),
    reason: z.string().max(300),
    attemptsMade: z.number().int().min(0),
    failedAt: z.iso.datetime(),
  }),
} as const;

export type QueueName = keyof typeof jobPayloads;
export type JobPayload<Q extends QueueName> = z.infer<(typeof jobPayloads)[Q]>;
export const queueNames = Object.keys(jobPayloads) as QueueName[];
export type NotificationKindName = z.infer<typeof notificationKind>;

/**
 * Retries per the architecture: 3 attempts with exponential backoff from `backoffMs` (the
 * deployment's JOB_BACKOFF_MS), then the dead-letter queue.
 * Every producer (API and worker) builds its queues with these, so a job behaves the same whoever
 * enqueued it, a dead letter sent again by an admin included.
 */
export function jobOptions(backoffMs: number) {
  return {
    attempts: 3,
    backoff: { type: 'exponential' as const, delay: backoffMs },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: false,
  };
}

export function parsePayload<Q extends QueueName>(queue: Q, data: unknown): JobPayload<Q> {
  return jobPayloads[queue].parse(data) as JobPayload<Q>;
}

/** BullMQ key prefix under the deployment's Redis prefix. */
export function bullPrefix(redisPrefix: string): string {
  return `${redisPrefix}:bull`;
}

/** When the nightly retention run happens (cron, in the deployment's local time). */
export const retentionSchedule = { pattern: '30 3 * * *', tz: 'Europe/Berlin' } as const;

/** When the daily slot publishing runs: early, so each day's new last horizon day is bookable in the morning. */
export const publishSlotsSchedule = { pattern: '15 2 * * *', tz: 'Europe/Berlin' } as const;

/** One publishing job per location and rules version: a repeat of the same change adds nothing. */
export function publishSlotsJobId(locationId: string, rulesVersion: number): string {
  return `publish_${locationId}_${rulesVersion}`;
}
