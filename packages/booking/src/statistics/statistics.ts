import {
  STATISTICS_MAX_DAYS,
  type StatisticsFigures,
  type StatisticsLoadCell,
  type StatisticsQuery,
  type StatisticsResponse,
  type StatisticsRow,
} from '@termin/contracts';
import type { Db, Tx } from '@termin/db';

const STATISTICS_TX = { maxWait: 10_000, timeout: 30_000 } as const;
import { NotFoundError, parseLocalDate, ValidationError, type FieldError } from '@termin/domain';

export interface StatisticsDeps {
  db: Db;
}

/** Whose figures: the admin's municipality and the locations the admin may see. */
export interface StatisticsScope {
  tenantId: string;
  locationIds: readonly string[];
}

interface AppointmentGroup {
  locationId: string | null;
  serviceId: string | null;
  weekday: number | null;
  hour: number | null;
  /** 0: per location and service, 1: the total, 2: per local weekday and hour. */
  level: number;
  bookings: number;
  cancelled: number;
  byCitizen: number;
  byOffice: number;
  checkedIn: number;
  noShows: number;
}

interface HistogramRow {
  locationId: string;
  serviceId: string;
  metric: 'wait' | 'service';
  seconds: number;
  n: number;
  /** The exact sum of the bucket's durations, for the mean. */
  total: number;
}

interface WalkInGroup {
  locationId: string | null;
  serviceId: string | null;
  weekday: number | null;
  hour: number | null;
  /** 0: per location and service, 2: per local weekday and hour. */
  level: number;
  walkIns: number;
}

/** What the queue entries of one group add up to: walk-ins, and each duration's histogram. */
interface QueueGroup {
  walkIns: number;
  wait: Durations;
  service: Durations;
}

interface Durations {
  count: number;
  total: number;
  /** Whole seconds → how many. */
  buckets: Map<number, number>;
}

/**
 * The statistics of the admin's municipality for the local days `from`–`to`, optionally of one
 * location and one service. PostgreSQL does the counting, in parallel: the range's appointments
 * (index on location and start), its queue entries (the unique index on location, local day and
 * ticket) for walk-ins and waiting and service times (mean exact, median and 90th percentile as
 * percentile_cont over whole seconds), and its slots for the utilisation. Every location's days and hours are its own time zone's (`AT TIME ZONE`), so a
 * range across a DST change has days of 23 or 25 hours. Only status, times, service and location
 * are read, never contact data: anonymisation and retention leave the figures as they are.
 */
export async function statistics(deps: StatisticsDeps, scope: StatisticsScope, query: StatisticsQuery): Promise<StatisticsResponse> {
  const { db } = deps;
  checkRange(query.from, query.to);
  if (query.locationId && !scope.locationIds.includes(query.locationId)) throw new NotFoundError('location_not_found');
  if (query.serviceId && !(await db.service.findFirst({ where: { id: query.serviceId, tenantId: scope.tenantId }, select: { id: true } }))) {
    throw new ValidationError([{ field: 'serviceId', code: 'unknown_service' }]);
  }
  const locationIds = query.locationId ? [query.locationId] : [...scope.locationIds];
  const serviceId = query.serviceId ?? null;
  const { from, to } = query;

  // Each query alone in a short transaction: sorting a year's waiting times for the percentiles
  // needs more than the default working memory (else it spills to disk), and compiling such a
  // query just in time costs more than it saves.
  const tuned = <T>(query: (tx: Tx) => Promise<T>) =>
    db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`;
      return query(tx);
    }, STATISTICS_TX);
  const [appointments, histogram, walkIns, capacity] = await Promise.all([
    // First per 15 minutes in UTC (every time zone's offset is a multiple of that), so the local
    // weekday and hour are worked out for a few thousand bins instead of for every appointment.
    tuned(
      (tx) => tx.$queryRaw<AppointmentGroup[]>`
      WITH loc AS (
        SELECT id, timezone, ${from}::date::timestamp AT TIME ZONE timezone AS lo, (${to}::date + 1)::timestamp AT TIME ZONE timezone AS hi
          FROM "Location" WHERE "tenantId" = ${scope.tenantId}::uuid AND id = ANY(${locationIds}::uuid[])
      ), bins AS (
        SELECT a."locationId", a."serviceId", date_bin('15 minutes', a."startsAt", timestamptz '2000-01-01') AS bin,
               count(*)::int AS bookings,
               count(*) FILTER (WHERE a.status = 'CANCELLED')::int AS cancelled,
               count(*) FILTER (WHERE a."cancelledBy" = 'CITIZEN')::int AS "byCitizen",
               count(*) FILTER (WHERE a."cancelledBy" = 'OFFICE')::int AS "byOffice",
               count(*) FILTER (WHERE a."checkedInAt" IS NOT NULL AND a.status <> 'CANCELLED')::int AS "checkedIn",
               count(*) FILTER (WHERE a.status = 'NOSHOW')::int AS "noShows"
          FROM loc JOIN "Appointment" a ON a."locationId" = loc.id AND a."startsAt" >= loc.lo AND a."startsAt" < loc.hi
         WHERE ${serviceId}::uuid IS NULL OR a."serviceId" = ${serviceId}::uuid
         GROUP BY 1, 2, 3
      ), local AS (
        SELECT bins.*, extract(isodow FROM bins.bin AT TIME ZONE loc.timezone)::int AS weekday, extract(hour FROM bins.bin AT TIME ZONE loc.timezone)::int AS hour
          FROM bins JOIN loc ON loc.id = bins."locationId"
      )
      SELECT "locationId", "serviceId", weekday, hour,
             (CASE WHEN grouping("locationId", "serviceId") = 0 THEN 0 WHEN grouping(weekday, hour) = 0 THEN 2 ELSE 1 END)::int AS level,
             sum(bookings)::int AS bookings, sum(cancelled)::int AS cancelled, sum("byCitizen")::int AS "byCitizen", sum("byOffice")::int AS "byOffice",
             sum("checkedIn")::int AS "checkedIn", sum("noShows")::int AS "noShows"
        FROM local
       GROUP BY GROUPING SETS (("locationId", "serviceId"), (), (weekday, hour))`,
    ),
    // Waiting and service times as a histogram of whole seconds per location and service, with the
    // exact sums for the means: hashing a year of queue entries into a few thousand buckets is
    // cheaper than sorting them once per group and again for the total, as percentile_cont would
    // (two plain scans measured faster than one scan feeding both through a lateral join).
    tuned(
      (tx) => tx.$queryRaw<HistogramRow[]>`
      SELECT q."locationId", q."serviceId", 'wait' AS metric, round(extract(epoch FROM q."calledAt" - q."checkedInAt"))::int AS seconds,
             count(*)::int AS n, sum(extract(epoch FROM q."calledAt" - q."checkedInAt"))::float8 AS total
        FROM "QueueEntry" q
       WHERE q."tenantId" = ${scope.tenantId}::uuid AND q."locationId" = ANY(${locationIds}::uuid[]) AND q."localDate" BETWEEN ${from}::date AND ${to}::date
         AND (${serviceId}::uuid IS NULL OR q."serviceId" = ${serviceId}::uuid) AND q."calledAt" IS NOT NULL
       GROUP BY 1, 2, 4
      UNION ALL
      SELECT q."locationId", q."serviceId", 'service', round(extract(epoch FROM q."completedAt" - q."calledAt"))::int,
             count(*)::int, sum(extract(epoch FROM q."completedAt" - q."calledAt"))::float8
        FROM "QueueEntry" q
       WHERE q."tenantId" = ${scope.tenantId}::uuid AND q."locationId" = ANY(${locationIds}::uuid[]) AND q."localDate" BETWEEN ${from}::date AND ${to}::date
         AND (${serviceId}::uuid IS NULL OR q."serviceId" = ${serviceId}::uuid) AND q.status = 'DONE'
       GROUP BY 1, 2, 4`,
    ),
    tuned(
      (tx) => tx.$queryRaw<WalkInGroup[]>`
      WITH loc AS (
        SELECT id, timezone FROM "Location" WHERE "tenantId" = ${scope.tenantId}::uuid AND id = ANY(${locationIds}::uuid[])
      ), bins AS (
        SELECT q."locationId", q."serviceId", date_bin('15 minutes', q."checkedInAt", timestamptz '2000-01-01') AS bin, count(*)::int AS n
          FROM loc JOIN "QueueEntry" q ON q."locationId" = loc.id AND q."localDate" BETWEEN ${from}::date AND ${to}::date
         WHERE q.kind = 'WALK_IN' AND (${serviceId}::uuid IS NULL OR q."serviceId" = ${serviceId}::uuid)
         GROUP BY 1, 2, 3
      ), local AS (
        SELECT bins.*, extract(isodow FROM bins.bin AT TIME ZONE loc.timezone)::int AS weekday, extract(hour FROM bins.bin AT TIME ZONE loc.timezone)::int AS hour
          FROM bins JOIN loc ON loc.id = bins."locationId"
      )
      SELECT "locationId", "serviceId", weekday, hour, (CASE WHEN grouping("locationId", "serviceId") = 0 THEN 0 ELSE 2 END)::int AS level, sum(n)::int AS "walkIns"
        FROM local
       GROUP BY GROUPING SETS (("locationId", "serviceId"), (weekday, hour))`,
    ),
    db.$queryRaw<{ capacity: number; booked: number }[]>`
      WITH loc AS (
        SELECT id, ${from}::date::timestamp AT TIME ZONE timezone AS lo, (${to}::date + 1)::timestamp AT TIME ZONE timezone AS hi
          FROM "Location" WHERE "tenantId" = ${scope.tenantId}::uuid AND id = ANY(${locationIds}::uuid[])
      )
      SELECT coalesce(sum(t.capacity), 0)::int AS capacity, coalesce(sum(t.booked), 0)::int AS booked
        FROM loc JOIN "TimeSlot" t ON t."locationId" = loc.id AND t."startsAt" >= loc.lo AND t."startsAt" < loc.hi`,
  ]);

  const key = (g: { locationId: string | null; serviceId: string | null }) => `${g.locationId}/${g.serviceId}`;
  const emptyQueue = (): QueueGroup => ({ walkIns: 0, wait: emptyDurations(), service: emptyDurations() });
  const queueOf = new Map<string, QueueGroup & { locationId: string; serviceId: string }>();
  const queueGroup = (g: { locationId: string; serviceId: string }) => {
    if (!queueOf.has(key(g))) queueOf.set(key(g), { locationId: g.locationId, serviceId: g.serviceId, ...emptyQueue() });
    return queueOf.get(key(g))!;
  };
  const queueTotal = emptyQueue();
  for (const h of histogram) {
    for (const group of [queueGroup(h), queueTotal]) {
      const d = group[h.metric];
      d.count += h.n;
      d.total += h.total;
      d.buckets.set(h.seconds, (d.buckets.get(h.seconds) ?? 0) + h.n);
    }
  }
  for (const w of walkIns.filter((g) => g.level === 0)) {
    queueGroup({ locationId: w.locationId!, serviceId: w.serviceId! }).walkIns = w.walkIns;
    queueTotal.walkIns += w.walkIns;
  }
  const pairs = new Map<string, { locationId: string; serviceId: string; a?: AppointmentGroup; q?: QueueGroup }>();
  for (const a of appointments.filter((g) => g.level === 0)) pairs.set(key(a), { locationId: a.locationId!, serviceId: a.serviceId!, a, q: queueOf.get(key(a)) });
  for (const q of queueOf.values()) if (!pairs.has(key(q))) pairs.set(key(q), { locationId: q.locationId, serviceId: q.serviceId, q });

  const [locations, services] = await Promise.all([
    db.location.findMany({
      where: { tenantId: scope.tenantId, id: { in: [...new Set([...pairs.values()].map((p) => p.locationId))] } },
      select: { id: true, name: true },
    }),
    db.service.findMany({
      where: { tenantId: scope.tenantId, id: { in: [...new Set([...pairs.values()].map((p) => p.serviceId))] } },
      select: { id: true, nameDe: true, nameEn: true },
    }),
  ]);
  const locationName = new Map(locations.map((l) => [l.id, l.name]));
  const serviceOf = new Map(services.map((s) => [s.id, s]));
  const rows: StatisticsRow[] = [...pairs.values()]
    .map((p) => ({
      locationId: p.locationId,
      locationName: locationName.get(p.locationId) ?? '',
      serviceId: p.serviceId,
      serviceNameDe: serviceOf.get(p.serviceId)?.nameDe ?? '',
      serviceNameEn: serviceOf.get(p.serviceId)?.nameEn ?? '',
      ...figures(p.a, p.q),
    }))
    .sort((x, y) => x.locationName.localeCompare(y.locationName, 'de') || x.serviceNameDe.localeCompare(y.serviceNameDe, 'de'));

  const load = new Map<string, StatisticsLoadCell>();
  const cell = (weekday: number, hour: number) => {
    const k = `${weekday}/${hour}`;
    if (!load.has(k)) load.set(k, { weekday, hour, appointments: 0, walkIns: 0 });
    return load.get(k)!;
  };
  for (const a of appointments.filter((g) => g.level === 2)) {
    const kept = a.bookings - a.cancelled;
    if (kept > 0) cell(a.weekday!, a.hour!).appointments = kept;
  }
  for (const w of walkIns.filter((g) => g.level === 2)) if (w.walkIns > 0) cell(w.weekday!, w.hour!).walkIns = w.walkIns;

  const { capacity: cap, booked } = capacity[0] ?? { capacity: 0, booked: 0 };
  return {
    from,
    to,
    locationId: query.locationId ?? null,
    serviceId,
    totals: figures(
      appointments.find((g) => g.level === 1),
      queueTotal,
    ),
    rows,
    load: [...load.values()].sort((x, y) => x.weekday - y.weekday || x.hour - y.hour),
    utilisation: { capacity: cap, booked, rate: cap > 0 ? booked / cap : null },
  };
}

function checkRange(from: string, to: string): void {
  const errors: FieldError[] = [];
  let start, end;
  try {
    start = parseLocalDate(from, 'from');
  } catch (error) {
    if (error instanceof ValidationError) errors.push(...error.fieldErrors);
    else throw error;
  }
  try {
    end = parseLocalDate(to, 'to');
  } catch (error) {
    if (error instanceof ValidationError) errors.push(...error.fieldErrors);
    else throw error;
  }
  if (start && end) {
    const days = start.until(end, { largestUnit: 'days' }).days + 1;
    if (days < 1) errors.push({ field: 'to', code: 'to_before_from' });
    else if (days > STATISTICS_MAX_DAYS) errors.push({ field: 'to', code: 'range_too_long', params: { maxDays: STATISTICS_MAX_DAYS } });
  }
  if (errors.length > 0) throw new ValidationError(errors);
}

function emptyDurations(): Durations {
  return { count: 0, total: 0, buckets: new Map() };
}

/**
 * percentile_cont over the histogram: the value at position p × (n − 1) of the sorted durations,
 * interpolated linearly between its neighbours, so the same as PostgreSQL's over whole seconds.
 */
export function percentileOfHistogram(buckets: ReadonlyMap<number, number>, count: number, p: number): number | null {
  if (count === 0) return null;
  const sorted = [...buckets.entries()].sort((x, y) => x[0] - y[0]);
  const at = (index: number) => {
    let seen = 0;
    for (const [value, n] of sorted) {
      seen += n;
      if (index < seen) return value;
    }
    return sorted.at(-1)![0];
  };
  const position = p * (count - 1);
  const lower = at(Math.floor(position));
  return lower + (position - Math.floor(position)) * (at(Math.ceil(position)) - lower);
}

function duration(d: Durations) {
  return {
    count: d.count,
    meanSeconds: d.count > 0 ? d.total / d.count : null,
    p50Seconds: percentileOfHistogram(d.buckets, d.count, 0.5),
    p90Seconds: percentileOfHistogram(d.buckets, d.count, 0.9),
  };
}

function figures(a: AppointmentGroup | undefined, q: QueueGroup | undefined): StatisticsFigures {
  const bookings = a?.bookings ?? 0;
  const cancelled = a?.cancelled ?? 0;
  const byCitizen = a?.byCitizen ?? 0;
  const byOffice = a?.byOffice ?? 0;
  const kept = bookings - cancelled;
  const checkedIn = a?.checkedIn ?? 0;
  const noShows = a?.noShows ?? 0;
  return {
    bookings,
    cancellations: { total: cancelled, byCitizen, byOffice, unrecorded: cancelled - byCitizen - byOffice },
    kept,
    checkedIn,
    noShows,
    checkInRate: kept > 0 ? checkedIn / kept : null,
    noShowRate: kept > 0 ? noShows / kept : null,
    walkIns: q?.walkIns ?? 0,
    waiting: duration(q?.wait ?? emptyDurations()),
    service: duration(q?.service ?? emptyDurations()),
  };
}
