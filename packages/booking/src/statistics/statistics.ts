import {
  STATISTICS_MAX_DAYS,
  type StatisticsFigures,
  type StatisticsLoadCell,
  type StatisticsQuery,
  type StatisticsResponse,
  type StatisticsRow,
} from '@termin/contracts';
import type { Db } from '@termin/db';
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
 * location and one service. PostgreSQL adds up the rollup its triggers keep with every change of
 * an appointment or queue entry (counts per 15-minute bin, waiting and service times as a
 * histogram of whole seconds per local day and per local month: mean exact, median and 90th percentile as
 * percentile_cont over whole seconds), and the range's slots for the utilisation. Every location's
 * days and hours are its own time zone's (`AT TIME ZONE`), so a range across a DST change has days
 * of 23 or 25 hours. Only status, times, service and location are counted, never contact data:
 * anonymisation and retention leave the figures as they are.
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

  // Everything but the slots comes from the rollup the triggers keep (migration
  // 20261203160000_statistics_rollup): a year of one office is a few tens of thousands of rows.
  // Its bins are 15 minutes of UTC (every time zone's offset is a multiple of that), so the local
  // days of the range are whole bins and the local weekday and hour are worked out per bin.
  const [appointments, histogram, walkIns, capacity] = await Promise.all([
    db.$queryRaw<AppointmentGroup[]>`
      WITH loc AS (
        SELECT id, timezone, ${from}::date::timestamp AT TIME ZONE timezone AS lo, (${to}::date + 1)::timestamp AT TIME ZONE timezone AS hi
          FROM "Location" WHERE "tenantId" = ${scope.tenantId}::uuid AND id = ANY(${locationIds}::uuid[])
      ), local AS (
        SELECT b.*, extract(isodow FROM b.bin AT TIME ZONE loc.timezone)::int AS weekday, extract(hour FROM b.bin AT TIME ZONE loc.timezone)::int AS hour
          FROM loc JOIN "StatisticsAppointmentBin" b ON b."locationId" = loc.id AND b.bin >= loc.lo AND b.bin < loc.hi
         WHERE ${serviceId}::uuid IS NULL OR b."serviceId" = ${serviceId}::uuid
      )
      SELECT "locationId", "serviceId", weekday, hour,
             (CASE WHEN grouping("locationId", "serviceId") = 0 THEN 0 WHEN grouping(weekday, hour) = 0 THEN 2 ELSE 1 END)::int AS level,
             sum(bookings)::int AS bookings, sum(cancelled)::int AS cancelled, sum("byCitizen")::int AS "byCitizen", sum("byOffice")::int AS "byOffice",
             sum("checkedIn")::int AS "checkedIn", sum("noShows")::int AS "noShows"
        FROM local
       GROUP BY GROUPING SETS (("locationId", "serviceId"), (), (weekday, hour))
      HAVING sum(bookings) <> 0`,
    // Whole local months of the range from the months' histograms, the days before and after
    // them from the days': a year is twelve months' buckets, not 365 days'.
    db.$queryRaw<HistogramRow[]>`
      WITH r AS (
        SELECT (date_trunc('month', ${from}::date - 1) + interval '1 month')::date AS first_month,
               date_trunc('month', ${to}::date + 1)::date AS after_months
      )
      SELECT d."locationId", d."serviceId", d.metric, d.seconds, sum(d.n)::int AS n, (sum(d."totalMs") / 1000)::float8 AS total
        FROM r CROSS JOIN "StatisticsDuration" d JOIN "Location" l ON l.id = d."locationId" AND l."tenantId" = ${scope.tenantId}::uuid
       WHERE d."locationId" = ANY(${locationIds}::uuid[]) AND (${serviceId}::uuid IS NULL OR d."serviceId" = ${serviceId}::uuid)
         AND ((d.period = 'month' AND d."localDate" >= r.first_month AND d."localDate" < r.after_months)
           OR (d.period = 'day' AND d."localDate" BETWEEN ${from}::date AND ${to}::date
               AND NOT (d."localDate" >= r.first_month AND d."localDate" < r.after_months)))
       GROUP BY 1, 2, 3, 4
      HAVING sum(d.n) <> 0`,
    db.$queryRaw<WalkInGroup[]>`
      WITH loc AS (
        SELECT id, timezone FROM "Location" WHERE "tenantId" = ${scope.tenantId}::uuid AND id = ANY(${locationIds}::uuid[])
      ), local AS (
        SELECT w.*, extract(isodow FROM w.bin AT TIME ZONE loc.timezone)::int AS weekday, extract(hour FROM w.bin AT TIME ZONE loc.timezone)::int AS hour
          FROM loc JOIN "StatisticsWalkInBin" w ON w."locationId" = loc.id AND w."localDate" BETWEEN ${from}::date AND ${to}::date
         WHERE ${serviceId}::uuid IS NULL OR w."serviceId" = ${serviceId}::uuid
      )
      SELECT "locationId", "serviceId", weekday, hour, (CASE WHEN grouping("locationId", "serviceId") = 0 THEN 0 ELSE 2 END)::int AS level, sum("walkIns")::int AS "walkIns"
        FROM local
       GROUP BY GROUPING SETS (("locationId", "serviceId"), (weekday, hour))
      HAVING sum("walkIns") <> 0`,
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
