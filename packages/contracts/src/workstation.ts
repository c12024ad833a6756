import { z } from 'zod';
import { queuePosition } from './queue';

/**
 * Wire format of the clerk's list of today's appointments and of the kiosk's check-in. The list
 * carries the citizen's name (the clerk greets them) and the no-show risk with the factors behind
 * it, so the clerk can see why someone is likely not to come.
 */
const instant = z.iso.datetime({ offset: true });

/** Where an appointment of today stands from the counter's point of view. */
export const dayStatus = z.enum(['expected', 'present', 'called', 'done', 'no_show', 'cancelled']);
export type DayStatus = z.infer<typeof dayStatus>;

export const noShowReasonCode = z.enum(['SHORT_NOTICE', 'EARLY_MORNING', 'MONDAY_OR_FRIDAY', 'RARELY_USED_SERVICE', 'OWN_HISTORY', 'MIDWEEK', 'HISTORY_OR_RARE_SERVICE']);
export const noShowReason = z.object({ code: noShowReasonCode, points: z.number().int() });
export type NoShowReason = z.infer<typeof noShowReason>;

export const todayAppointment = z.object({
  id: z.uuid(),
  startsAt: instant,
  endsAt: instant,
  status: dayStatus,
  citizenName: z.string().nullable(),
  service: z.object({ id: z.uuid(), nameDe: z.string(), nameEn: z.string() }),
  ticketNumber: z.string().max(8).nullable(),
  queueEntryId: z.uuid().nullable(),
  noShowRisk: z.object({
    score: z.number().int().min(0).max(100),
    band: z.enum(['green', 'yellow', 'red']),
    reasons: z.array(noShowReason),
  }),
});
export type TodayAppointment = z.infer<typeof todayAppointment>;

export const todayAppointmentsResponse = z.object({
  /** The location's local date (YYYY-MM-DD) the list is for. */
  date: z.iso.date(),
  appointments: z.array(todayAppointment),
});
export type TodayAppointments = z.infer<typeof todayAppointmentsResponse>;

/**
 * What the kiosk's field received: a bare booking code typed by a person, or the whole check-in
 * address a hand scanner types from the e-mail's QR code.
 */
export const kioskCheckinBody = z.strictObject({ scan: z.string().trim().min(1).max(500) });
export const kioskCheckinResponse = queuePosition;

/**
 * The booking code inside what a kiosk received: the last path segment of a check-in address
 * (`…/checkin/<code>`, percent-encoded or not), or the input itself. Returns the raw code; the
 * domain normalises and validates it.
 */
export function bookingCodeFromScan(scan: string): string {
  const text = scan.trim();
  const match = /\/checkin\/([^/?#\s]+)\/?(?:[?#].*)?$/i.exec(text);
  if (!match) return text;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return match[1]!;
  }
}
