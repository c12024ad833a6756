import { z } from 'zod';

/**
 * Events written to the OutboxEvent table in the same transaction as the change they describe.
 * The worker's relay turns each into BullMQ jobs (event id = jobId, so a relay retry never
 * enqueues twice) and into Redis PubSub messages for the live screens.
 */
export const outboxEvents = {
  'appointment.booked': z.object({ appointmentId: z.uuid(), sequence: z.number().int().min(0) }),
  'appointment.rescheduled': z.object({ appointmentId: z.uuid(), sequence: z.number().int().min(0) }),
  'appointment.cancelled': z.object({ appointmentId: z.uuid(), sequence: z.number().int().min(0) }),
  'appointment.checked_in': z.object({ appointmentId: z.uuid(), locationId: z.uuid(), queueEntryId: z.uuid() }),
} as const;

export type OutboxEventType = keyof typeof outboxEvents;
export type OutboxEventPayload<T extends OutboxEventType> = z.infer<(typeof outboxEvents)[T]>;

export function parseOutboxEvent<T extends OutboxEventType>(type: T, payload: unknown): OutboxEventPayload<T> {
  return outboxEvents[type].parse(payload) as OutboxEventPayload<T>;
}

export function isOutboxEventType(type: string): type is OutboxEventType {
  return type in outboxEvents;
}
