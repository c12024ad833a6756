import { z } from 'zod';

/**
 * Live changes for staff screens and waiting-room displays, on one Redis PubSub channel per
 * deployment. API instances publish queue changes, the worker publishes appointment changes; every
 * API instance forwards them to the sockets watching the location. Ids, tickets and counter names
 * only: each instance reads the current state from the database, no personal data passes Redis.
 */
export function liveEventsChannel(redisPrefix: string): string {
  return `${redisPrefix}:queue:events`;
}

const appointmentChanges = ['confirmed', 'cancelled', 'rescheduled'] as const;
export type AppointmentChange = (typeof appointmentChanges)[number];

export const liveEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('checked_in'), locationId: z.uuid(), appointmentId: z.uuid(), queueEntryId: z.uuid() }),
  z.object({ type: z.literal('called'), locationId: z.uuid(), queueEntryId: z.uuid(), ticket: z.string(), counter: z.string() }),
  z.object({ type: z.literal('changed'), locationId: z.uuid() }),
  z.object({
    type: z.literal('appointment_changed'),
    locationId: z.uuid(),
    appointmentId: z.uuid(),
    change: z.enum(appointmentChanges),
    status: z.string(),
    startsAt: z.iso.datetime(),
  }),
]);
export type LiveEvent = z.infer<typeof liveEvent>;

export function encodeLiveEvent(event: LiveEvent): string {
  return JSON.stringify(liveEvent.parse(event));
}

/** Null for anything that is not a well-formed live event, so a subscriber never throws on input. */
export function decodeLiveEvent(message: string): LiveEvent | null {
  try {
    const parsed = liveEvent.safeParse(JSON.parse(message));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
