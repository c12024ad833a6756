import { z } from 'zod';

/**
 * The queues and their payloads. A payload carries ids only: the worker reads the current state from
 * the database, so no personal data sits in Redis and a retried job never acts on stale data.
 */
export const jobPayloads = {
  'confirm-appointment': z.object({ appointmentId: z.uuid() }),
  email: z.object({
    appointmentId: z.uuid(),
    kind: z.enum(['confirmation', 'cancellation', 'reschedule', 'reminder']),
    /** Appointment sequence the message describes; part of the de-duplication key. */
    sequence: z.number().int().min(0),
  }),
  sms: z.object({
    appointmentId: z.uuid(),
    kind: z.enum(['confirmation', 'cancellation', 'reschedule', 'reminder']),
    sequence: z.number().int().min(0),
  }),
  ical: z.object({ appointmentId: z.uuid() }),
  reminder: z.object({ appointmentId: z.uuid(), sequence: z.number().int().min(0) }),
} as const;

export type QueueName = keyof typeof jobPayloads;
export type JobPayload<Q extends QueueName> = z.infer<(typeof jobPayloads)[Q]>;
export const queueNames = Object.keys(jobPayloads) as QueueName[];

/** Retries per the architecture: 3 attempts with exponential backoff, then the dead-letter queue. */
export const defaultJobOptions = {
  attempts: 3,
  backoff: { type: 'exponential' as const, delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: false,
};

export function parsePayload<Q extends QueueName>(queue: Q, data: unknown): JobPayload<Q> {
  return jobPayloads[queue].parse(data) as JobPayload<Q>;
}

/** BullMQ key prefix under the deployment's Redis prefix. */
export function bullPrefix(redisPrefix: string): string {
  return `${redisPrefix}:bull`;
}
