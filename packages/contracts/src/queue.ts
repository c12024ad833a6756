import { z } from 'zod';

/**
 * Wire format of check-in, the live queue and its WebSocket. Staff screens get `queueEntry`
 * (with the citizen's name, so the clerk can greet them); the public waiting-room display gets
 * `displayQueueEntry`, which by construction holds nothing but ticket, counter and status.
 */
export const queueEntryStatus = z.enum(['WAITING', 'CALLED', 'DONE', 'NOSHOW', 'CANCELLED']);
export const queueEntryKind = z.enum(['APPOINTMENT', 'WALK_IN']);
const instant = z.iso.datetime({ offset: true });
const ticket = z.string().max(8);

export const queueEntry = z.object({
  id: z.uuid(),
  locationId: z.uuid(),
  ticketNumber: ticket,
  kind: queueEntryKind,
  status: queueEntryStatus,
  service: z.object({ id: z.uuid(), nameDe: z.string(), nameEn: z.string() }),
  counter: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  checkedInAt: instant,
  calledAt: instant.nullable(),
  completedAt: instant.nullable(),
  recallCount: z.number().int().min(0),
  /** The clerk's note about the visit: in this staff view only, never in a display's or citizen's answer. */
  visitNote: z.string().nullable(),
  /** 1 = next in line; null unless WAITING. */
  position: z.number().int().min(1).nullable(),
  appointment: z
    .object({
      id: z.uuid(),
      startsAt: instant,
      citizenName: z.string().nullable(),
      /** The booking's no-show risk (domain `scoreBand`), so the clerk knows whom to wait for a moment longer. */
      noShowRisk: z.enum(['green', 'yellow', 'red']),
    })
    .nullable(),
});
export type QueueEntryView = z.infer<typeof queueEntry>;

export const displayQueueEntry = z.strictObject({
  ticketNumber: ticket,
  status: queueEntryStatus,
  counter: z.string().nullable(),
});
export type DisplayQueueEntry = z.infer<typeof displayQueueEntry>;

/** The only fields a public screen may show. */
export function toDisplayEntry(entry: QueueEntryView): DisplayQueueEntry {
  return { ticketNumber: entry.ticketNumber, status: entry.status, counter: entry.counter?.name ?? null };
}

export const checkedInAppointment = z.object({
  id: z.uuid(),
  locationId: z.uuid(),
  serviceId: z.uuid(),
  startsAt: instant,
  endsAt: instant,
  status: z.literal('CHECKED_IN'),
  checkedInAt: instant,
  citizenName: z.string().nullable(),
  ticketNumber: ticket,
  queueEntryId: z.uuid(),
});
export type CheckedInAppointment = z.infer<typeof checkedInAppointment>;

/** What a waiting citizen sees on their phone. */
export const queuePosition = z.object({
  locationId: z.uuid(),
  ticketNumber: ticket,
  status: queueEntryStatus,
  position: z.number().int().min(1).nullable(),
  /** null when no honest estimate exists (no counter open) or the citizen is not waiting any more. */
  estimatedWaitMinutes: z.number().int().min(0).nullable(),
  counter: z.string().nullable(),
});
export type QueuePosition = z.infer<typeof queuePosition>;

// --- HTTP requests and responses ---

export const appointmentIdParams = z.object({ id: z.uuid() });
export const queueEntryIdParams = z.object({ id: z.uuid() });
export const locationIdParams = z.object({ locationId: z.uuid() });
export const bookingCodeParams = z.object({ bookingCode: z.string().min(1).max(40) });

/** The location the citizen is standing at; check-in anywhere else is refused. */
export const checkinBody = z.strictObject({ locationId: z.uuid() });
export const checkinResponse = z.object({ appointment: checkedInAppointment, queueEntry });
export const walkInBody = z.strictObject({ serviceId: z.uuid() });
export const callNextBody = z.strictObject({
  counterId: z.uuid(),
  /** Services this counter handles; all when omitted. */
  serviceIds: z.array(z.uuid()).min(1).max(50).optional(),
});
export const callTicketBody = z.strictObject({ counterId: z.uuid() });
export const queueEntryResponse = z.object({ entry: queueEntry });
export const callNextResponse = z.object({ entry: queueEntry.nullable() });
export const queueSnapshotResponse = z.object({ entries: z.array(queueEntry) });

// --- WebSocket /api/v1/queue/ws ---

export const socketClientMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('subscribe'),
    locationId: z.uuid(),
    /** Access token; staff and admins get the staff view, display and kiosk accounts the display view. */
    token: z.string().min(1).max(8192).optional(),
    /** One-time ticket from POST /api/v1/socket-tickets: how browser code authenticates without holding a token. */
    ticket: z.string().min(1).max(64).optional(),
    /** Ask for the reduced view even with a staff token (e.g. a clerk's second screen). */
    view: z.enum(['staff', 'display']).optional(),
  }),
  z.object({ type: z.literal('subscribe_position'), bookingCode: z.string().min(1).max(40) }),
]);
export type SocketClientMessage = z.infer<typeof socketClientMessage>;

export const socketServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribed'), data: z.object({ locationId: z.uuid(), view: z.enum(['staff', 'display', 'position']) }) }),
  z.object({ type: z.literal('queue_update'), data: z.union([z.array(queueEntry), z.array(displayQueueEntry)]) }),
  z.object({ type: z.literal('appointment_checkin'), data: checkedInAppointment }),
  z.object({ type: z.literal('next_ticket'), data: z.object({ ticket, counter: z.string() }) }),
  z.object({ type: z.literal('position_update'), data: queuePosition }),
  /** Staff only: a booking of today's location was confirmed, cancelled or moved (by the worker / the citizen). */
  z.object({
    type: z.literal('appointment_update'),
    data: z.object({
      appointmentId: z.uuid(),
      change: z.enum(['confirmed', 'cancelled', 'rescheduled']),
      status: z.string(),
      startsAt: z.iso.datetime(),
    }),
  }),
  z.object({ type: z.literal('error'), data: z.object({ code: z.string(), message: z.string() }) }),
]);
export type SocketServerMessage = z.infer<typeof socketServerMessage>;
