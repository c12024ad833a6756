import { z } from 'zod';

/**
 * Live updates for staff screens and waiting-room displays, published on one Redis PubSub
 * channel per deployment. Every message is JSON `{ type, locationId, data }`: the API's socket
 * plugin subscribes to the channel and forwards each message to the sockets watching `locationId`.
 * `data` carries ids and times only, never citizen data, because screens are in public rooms.
 */
export function liveEventsChannel(redisPrefix: string): string {
  return `${redisPrefix}:events`;
}

export const liveEvent = z.object({
  type: z.string().min(1).max(64),
  locationId: z.uuid(),
  data: z.record(z.string(), z.unknown()),
});
export type LiveEvent = z.infer<typeof liveEvent>;

/** Appointment changes the worker announces (the queue feature adds its own types). */
export const appointmentLiveEventTypes = {
  confirmed: 'appointment_confirmed',
  cancelled: 'appointment_cancelled',
  rescheduled: 'appointment_rescheduled',
  checkedIn: 'appointment_checked_in',
} as const;

export interface AppointmentLiveData {
  appointmentId: string;
  startsAt: string;
  sequence: number;
  [key: string]: unknown;
}

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
