import type { Db } from '@termin/db';
import type { QueuePosition, QueueEntryView } from '@termin/contracts';
import { estimateWaitMinutes, localDateOf, normaliseBookingCode, NotFoundError, orderQueue } from '@termin/domain';
import { DEFAULT_DUE_WINDOW_MINUTES, type QueueDeps } from './types';
import { dateColumn } from './ticket-sequence';
import { entryInclude, orderable, toEntryView, type EntryRow } from './views';

/** Today (the location's local day) is the only day a queue has; yesterday's leftovers are not called. */
export async function localToday(db: Db, locationId: string, now: Date): Promise<Date> {
  const location = await db.location.findUnique({ where: { id: locationId }, select: { timezone: true } });
  if (!location) throw new NotFoundError('location_not_found');
  return dateColumn(localDateOf(now, location.timezone));
}

/** Waiting entries of today in calling order (domain `orderQueue`). */
export async function waitingInOrder(deps: QueueDeps, locationId: string, localDate: Date): Promise<EntryRow[]> {
  const rows = await deps.db.queueEntry.findMany({
    where: { locationId, localDate, status: 'WAITING' },
    include: entryInclude,
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const order = orderQueue(rows.map(orderable), deps.now, { dueWindowMinutes: deps.dueWindowMinutes ?? DEFAULT_DUE_WINDOW_MINUTES });
  return order.map((e) => byId.get(e.id)!);
}

/**
 * The live queue of a location: who is at a counter now (latest call first), then who waits, in
 * the order they will be called. The caller has checked that the location is theirs.
 */
export async function queueSnapshot(deps: QueueDeps, locationId: string): Promise<QueueEntryView[]> {
  const localDate = await localToday(deps.db, locationId, deps.now);
  const [called, waiting] = await Promise.all([
    deps.db.queueEntry.findMany({
      where: { locationId, localDate, status: 'CALLED' },
      include: entryInclude,
      orderBy: [{ calledAt: 'desc' }, { id: 'asc' }],
    }),
    waitingInOrder(deps, locationId, localDate),
  ]);
  return [...called.map((r) => toEntryView(r)), ...waiting.map((r, i) => toEntryView(r, i + 1))];
}

const RECENT_MS = 60 * 60_000;
const MIN_SAMPLES = 3;

/**
 * Minutes a counter spends per citizen today (from call to done), and how many counters are
 * working (called someone within the last hour, else every active counter).
 */
export async function serviceRate(db: Db, locationId: string, localDate: Date, now: Date, fallbackMinutes: number) {
  const [finished, recentCounters, activeCounters] = await Promise.all([
    db.queueEntry.findMany({
      where: { locationId, localDate, status: 'DONE', calledAt: { not: null }, completedAt: { not: null } },
      select: { calledAt: true, completedAt: true },
      orderBy: { completedAt: 'desc' },
      take: 20,
    }),
    db.queueEntry.findMany({
      where: { locationId, localDate, counterId: { not: null }, calledAt: { gte: new Date(now.getTime() - RECENT_MS) } },
      select: { counterId: true },
      distinct: ['counterId'],
    }),
    db.counter.count({ where: { locationId, active: true } }),
  ]);
  const avgMinutes =
    finished.length >= MIN_SAMPLES
      ? finished.reduce((sum, e) => sum + (e.completedAt!.getTime() - e.calledAt!.getTime()), 0) / finished.length / 60_000
      : fallbackMinutes;
  return { avgMinutes, counters: recentCounters.length || activeCounters };
}

/**
 * Where a checked-in citizen stands, found by the booking code from their confirmation. Unknown
 * codes and appointments without a ticket answer the same 404, so codes cannot be probed.
 */
export async function positionOf(deps: QueueDeps, bookingCode: string): Promise<QueuePosition> {
  const code = normaliseBookingCode(bookingCode);
  const appointment = code
    ? await deps.db.appointment.findUnique({
        where: { bookingCode: code },
        select: { queueEntry: { include: { counter: { select: { name: true } }, service: { select: { durationMinutes: true } } } } },
      })
    : null;
  const entry = appointment?.queueEntry;
  if (!entry) throw new NotFoundError('queue_position_not_found');
  const base = { locationId: entry.locationId, ticketNumber: entry.ticketNumber, status: entry.status, counter: entry.counter?.name ?? null };
  if (entry.status !== 'WAITING') return { ...base, position: null, estimatedWaitMinutes: null };

  const waiting = await waitingInOrder(deps, entry.locationId, entry.localDate);
  const position = waiting.findIndex((e) => e.id === entry.id) + 1;
  const rate = await serviceRate(deps.db, entry.locationId, entry.localDate, deps.now, entry.service.durationMinutes);
  return { ...base, position, estimatedWaitMinutes: estimateWaitMinutes(position, rate.avgMinutes, rate.counters) };
}
