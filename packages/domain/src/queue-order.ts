import { ValidationError } from './errors';

export type QueueEntryKind = 'APPOINTMENT' | 'WALK_IN';

export interface QueueEntry<Id = string> {
  id: Id;
  kind: QueueEntryKind;
  checkedInAt: Date;
  appointmentStartsAt?: Date | null;
  serviceId: string;
}

export interface QueueOrderOptions {
  /** An appointment counts as due from this many minutes before its start. */
  dueWindowMinutes: number;
  /** Services the calling counter handles; all when omitted. */
  serviceIds?: string[];
}

function isDue(entry: QueueEntry<unknown>, dueBy: number): boolean {
  return entry.kind === 'APPOINTMENT' && entry.appointmentStartsAt != null && entry.appointmentStartsAt.getTime() <= dueBy;
}

/**
 * The waiting entries in the order they should be called:
 * 1. appointments that are due (start within the window, or already past), earliest appointment
 *    first, so a citizen who came early for 10:00 does not overtake the one booked for 09:50;
 * 2. everyone else — walk-ins and appointments that are not due yet — first come, first served,
 *    so an idle counter can serve early arrivals.
 * Ties go by check-in time, then by id, so every counter sees the same order.
 */
export function orderQueue<Id extends string | number>(entries: QueueEntry<Id>[], now: Date, opts: QueueOrderOptions): QueueEntry<Id>[] {
  if (!Number.isFinite(opts.dueWindowMinutes) || opts.dueWindowMinutes < 0) {
    throw new ValidationError([{ field: 'dueWindowMinutes', code: 'invalid_due_window' }]);
  }
  const dueBy = now.getTime() + opts.dueWindowMinutes * 60_000;
  const services = opts.serviceIds ? new Set(opts.serviceIds) : null;
  return entries
    .filter((e) => !services || services.has(e.serviceId))
    .map((entry) => ({ entry, due: isDue(entry, dueBy) }))
    .sort((a, b) => {
      if (a.due !== b.due) return a.due ? -1 : 1;
      if (a.due) {
        const byStart = a.entry.appointmentStartsAt!.getTime() - b.entry.appointmentStartsAt!.getTime();
        if (byStart !== 0) return byStart;
      }
      const byCheckIn = a.entry.checkedInAt.getTime() - b.entry.checkedInAt.getTime();
      if (byCheckIn !== 0) return byCheckIn;
      return String(a.entry.id).localeCompare(String(b.entry.id));
    })
    .map(({ entry }) => entry);
}

/** The entry a counter should call next, or `null` when nobody it serves is waiting. */
export function pickNext<Id extends string | number>(entries: QueueEntry<Id>[], now: Date, opts: QueueOrderOptions): QueueEntry<Id> | null {
  return orderQueue(entries, now, opts)[0] ?? null;
}

/**
 * Rough minutes until a waiting citizen is called. `position` is 1-based (1 = next in line);
 * `null` when no counter is open, because then no honest estimate exists.
 */
export function estimateWaitMinutes(position: number, avgServiceMinutes: number, openCounters: number): number | null {
  if (!Number.isInteger(position) || position < 1) {
    throw new ValidationError([{ field: 'position', code: 'invalid_position' }]);
  }
  if (!Number.isFinite(avgServiceMinutes) || avgServiceMinutes < 0) {
    throw new ValidationError([{ field: 'avgServiceMinutes', code: 'invalid_service_minutes' }]);
  }
  if (!Number.isInteger(openCounters) || openCounters < 0) {
    throw new ValidationError([{ field: 'openCounters', code: 'invalid_counters' }]);
  }
  if (openCounters === 0) return null;
  return Math.ceil(((position - 1) * avgServiceMinutes) / openCounters);
}
