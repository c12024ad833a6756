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
  return inCallingOrder(deps, rows);
}

/** Waiting entries in the order they will be called (domain `orderQueue`). */
function inCallingOrder<T extends Parameters<typeof orderable>[0]>(deps: Pick<QueueDeps, 'now' | 'dueWindowMinutes'>, rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const order = orderQueue(rows.map(orderable), deps.now, { dueWindowMinutes: deps.dueWindowMinutes ?? DEFAULT_DUE_WINDOW_MINUTES });
  return order.map((e) => byId.get(e.id)!);
}

/** One row of the snapshot's query: the entry with its service, counter and appointment, or a location without entries. */
interface SnapshotRow {
  id: string | null;
  tenantId: string;
  locationId: string;
  serviceId: string;
  appointmentId: string | null;
  kind: EntryRow['kind'];
  status: EntryRow['status'];
  ticketNumber: string;
  counterId: string | null;
  checkedInAt: Date;
  calledAt: Date | null;
  completedAt: Date | null;
  recallCount: number;
  visitNote: string | null;
  serviceNameDe: string;
  serviceNameEn: string;
  counterName: string | null;
  appointmentStartsAt: Date | null;
  citizenName: string | null;
  noShowScore: number | null;
}

/**
 * The live queue of a location: who is at a counter now (latest call first), then who waits, in
 * the order they will be called. The caller has checked that the location is theirs. Every queue
 * change on every API instance reads it, so it is one statement: the location's local day is
 * worked out by PostgreSQL from its time zone, and the entries come with their service, counter
 * and appointment (the ORM's includes took three round trips one after the other).
 */
export async function queueSnapshot(deps: QueueDeps, locationId: string): Promise<QueueEntryView[]> {
  const rows = await deps.db.$queryRaw<SnapshotRow[]>`
    SELECT q.id, q."tenantId", l.id AS "locationId", q."serviceId", q."appointmentId", q.kind::text AS kind, q.status::text AS status,
           q."ticketNumber", q."counterId", q."checkedInAt", q."calledAt", q."completedAt", q."recallCount", q."visitNote",
           s."nameDe" AS "serviceNameDe", s."nameEn" AS "serviceNameEn", c.name AS "counterName",
           a."startsAt" AS "appointmentStartsAt", a."citizenName", a."noShowScore"
      FROM "Location" l
      LEFT JOIN "QueueEntry" q ON q."locationId" = l.id AND q.status IN ('CALLED', 'WAITING')
                              AND q."localDate" = (${deps.now}::timestamptz AT TIME ZONE l.timezone)::date
      LEFT JOIN "Service" s ON s.id = q."serviceId"
      LEFT JOIN "Counter" c ON c.id = q."counterId"
      LEFT JOIN "Appointment" a ON a.id = q."appointmentId"
     WHERE l.id = ${locationId}::uuid`;
  if (rows.length === 0) throw new NotFoundError('location_not_found');
  const entries = rows.filter((r): r is SnapshotRow & { id: string } => r.id !== null).map(toEntryRow);
  const called = entries.filter((e) => e.status === 'CALLED').sort((a, b) => b.calledAt!.getTime() - a.calledAt!.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const waiting = inCallingOrder(
    deps,
    entries.filter((e) => e.status === 'WAITING'),
  );
  return [...called.map((r) => toEntryView(r)), ...waiting.map((r, i) => toEntryView(r, i + 1))];
}

function toEntryRow(r: SnapshotRow & { id: string }): Omit<EntryRow, 'localDate'> {
  return {
    id: r.id,
    tenantId: r.tenantId,
    locationId: r.locationId,
    serviceId: r.serviceId,
    appointmentId: r.appointmentId,
    kind: r.kind,
    status: r.status,
    ticketNumber: r.ticketNumber,
    counterId: r.counterId,
    checkedInAt: r.checkedInAt,
    calledAt: r.calledAt,
    completedAt: r.completedAt,
    recallCount: r.recallCount,
    visitNote: r.visitNote,
    service: { id: r.serviceId, nameDe: r.serviceNameDe, nameEn: r.serviceNameEn },
    counter: r.counterId ? { id: r.counterId, name: r.counterName! } : null,
    appointment:
      r.appointmentId && r.appointmentStartsAt ? { id: r.appointmentId, startsAt: r.appointmentStartsAt, citizenName: r.citizenName, noShowScore: r.noShowScore! } : null,
  };
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
