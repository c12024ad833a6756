/**
 * Benchmark (prints numbers, asserts nothing): the admin statistics of one office over one year
 * with 1,000,000 appointments.
 *
 *   pnpm --filter @termin/booking bench
 *
 * Makes a scratch database on the server of BENCH_DATABASE_ADMIN_URL (default: local PostgreSQL),
 * migrates it and fills it set-based with generate_series: one office in Europe/Berlin with three
 * services, slots every 15 minutes 08:00–18:00 on the weekdays of 2025, `APPOINTMENTS`
 * appointments spread over them (5 % cancelled by the citizen, 5 % by the office, 5 % no-shows,
 * 5 % still confirmed, the rest done, each attended one with its queue entry) and `WALK_INS`
 * walk-ins (waiting and service times in whole seconds, DURATIONS=minutes for whole minutes), then
 * ANALYZE; the statistics' rollup is counted from the rows once they are in
 * (termin_statistics_rebuild()). It then times `RUNS` runs (after `WARMUP` unmeasured ones) of the
 * statistics of the whole year (all services), of one month of one service, and of the CSV export
 * of the whole year, and prints p50 / p99 / max of each. The scratch database is dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import { createPrismaClient, migrateDatabase } from '@termin/db';
import { statistics, statisticsCsv } from '../src/statistics';

const APPOINTMENTS = Number(process.env.APPOINTMENTS ?? 1_000_000);
const WALK_INS = Number(process.env.WALK_INS ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 20);
/** MEASURE=0 only fills (with KEEP=1: a database to try queries on). */
const MEASURE = process.env.MEASURE !== '0';
const WARMUP = Number(process.env.WARMUP ?? 2);
/**
 * Waiting and service times spread over whole seconds (the default, like real visits: a day's
 * histogram then has about as many buckets as visits) or, with DURATIONS=minutes, whole minutes
 * (the data of the runs before 2026-12-03, which the histograms compress far better).
 */
const SECONDS = process.env.DURATIONS === 'minutes' ? 0 : 1;
const adminUrl = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const name = `termin_bench_statistics_${randomBytes(4).toString('hex')}`;
const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();

async function admin(sql: string) {
  const server = createPrismaClient({ databaseUrl: adminUrl });
  try {
    await server.$executeRawUnsafe(sql);
  } finally {
    await server.$disconnect();
  }
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

async function measure(label: string, run: () => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await run();
    times.push(ms(start));
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(42)} p50 ${quantile(times, 0.5).toFixed(0).padStart(5)} ms   p99 ${quantile(times, 0.99).toFixed(0).padStart(5)} ms   max ${times.at(-1)!.toFixed(0).padStart(5)} ms`,
  );
}

await admin(`CREATE DATABASE "${name}"`);
const db = createPrismaClient({ databaseUrl: url });
try {
  await migrateDatabase(url);
  const tenant = await db.tenant.create({ data: { slug: 'bench', name: 'Benchmarkstadt', holidayState: 'BE' } });
  const location = await db.location.create({ data: { tenantId: tenant.id, slug: 'amt', name: 'Bürgeramt Mitte', address: 'Markt 1', timezone: 'Europe/Berlin' } });
  const services = await Promise.all(
    ['A', 'B', 'C'].map((prefix) =>
      db.service.create({ data: { tenantId: tenant.id, slug: `s-${prefix}`, nameDe: `Dienst ${prefix}`, nameEn: `Service ${prefix}`, ticketPrefix: prefix } }),
    ),
  );
  const serviceIds = services.map((s) => s.id);

  const start = process.hrtime.bigint();
  // One statement of a million rows through the rollup's row triggers would update the same monthly
  // buckets thousands of times in one transaction: fill without them, then count the rollup anew.
  await db.$executeRawUnsafe('ALTER TABLE "Appointment" DISABLE TRIGGER USER');
  await db.$executeRawUnsafe('ALTER TABLE "QueueEntry" DISABLE TRIGGER USER');
  const slots = await db.$executeRaw`
    INSERT INTO "TimeSlot" (id, "locationId", "startsAt", "endsAt", capacity, booked)
    SELECT gen_random_uuid(), ${location.id}::uuid, t, t + interval '15 minutes', 0, 0
      FROM generate_series(date '2025-01-01', date '2025-12-31', interval '1 day') d,
           generate_series(0, 39) m,
           LATERAL (SELECT (d + make_interval(mins => 480 + 15 * m)) AT TIME ZONE 'Europe/Berlin' AS t) s
     WHERE extract(isodow FROM d) < 6`;
  await db.$executeRaw`
    CREATE TEMP TABLE slot_no AS SELECT id, "startsAt", row_number() OVER (ORDER BY "startsAt") AS n FROM "TimeSlot"`;
  await db.$executeRaw`
    INSERT INTO "Appointment" (id, "tenantId", "locationId", "serviceId", "startsAt", "endsAt", status, "cancelledBy", "bookingCode", "qrCode",
                               "contactHash", "bookedAt", "confirmedAt", "checkedInAt", "cancelledAt", "completedAt", "updatedAt")
    SELECT gen_random_uuid(), ${tenant.id}::uuid, ${location.id}::uuid, (${serviceIds}::uuid[])[1 + i % 3], s."startsAt", s."startsAt" + interval '15 minutes',
           st.status::"AppointmentStatus", st.by::"CancelledBy", 'B' || lpad(i::text, 18, '0'), gen_random_uuid(),
           md5(i::text), s."startsAt" - interval '7 days', s."startsAt" - interval '7 days',
           CASE WHEN st.status IN ('DONE', 'NOSHOW') THEN s."startsAt" - make_interval(mins => i % 10) END,
           CASE WHEN st.status = 'CANCELLED' THEN s."startsAt" - interval '1 day' END,
           CASE WHEN st.status = 'DONE' THEN s."startsAt" + make_interval(mins => 5 + i % 25 + i % 15) END,
           now()
      FROM generate_series(1, ${APPOINTMENTS}) i
      JOIN slot_no s ON s.n = 1 + i % ${slots}
     CROSS JOIN LATERAL (SELECT CASE i % 20 WHEN 0 THEN 'CANCELLED' WHEN 1 THEN 'CANCELLED' WHEN 2 THEN 'NOSHOW' WHEN 3 THEN 'CONFIRMED' ELSE 'DONE' END AS status,
                                CASE i % 20 WHEN 0 THEN 'CITIZEN' WHEN 1 THEN 'OFFICE' END AS by) st`;
  await db.$executeRaw`
    UPDATE "TimeSlot" t SET capacity = h.n + h.n / 10, booked = h.n
      FROM (SELECT s.id, count(*)::int AS n FROM slot_no s JOIN "Appointment" a ON a."startsAt" = s."startsAt" AND a.status <> 'CANCELLED' GROUP BY s.id) h
     WHERE t.id = h.id`;
  await db.$executeRaw`
    INSERT INTO "QueueEntry" (id, "tenantId", "locationId", "serviceId", "appointmentId", kind, status, "ticketNumber", "localDate", "checkedInAt", "calledAt", "completedAt")
    SELECT gen_random_uuid(), a."tenantId", a."locationId", a."serviceId", a.id, 'APPOINTMENT', (CASE a.status WHEN 'DONE' THEN 'DONE' ELSE 'NOSHOW' END)::"QueueEntryStatus",
           'Q' || lpad(a.n::text, 7, '0'), (a."startsAt" AT TIME ZONE 'Europe/Berlin')::date, a."checkedInAt", a.called,
           a.called + make_interval(mins => (4 + a.n % 17)::int, secs => ${SECONDS} * (a.n * 13 % 60))
      FROM (SELECT x.*, row_number() OVER () AS n,
                   x."checkedInAt" + make_interval(mins => (2 + (row_number() OVER ()) % 30)::int, secs => ${SECONDS} * ((row_number() OVER ()) * 37 % 60)) AS called
              FROM "Appointment" x WHERE x.status IN ('DONE', 'NOSHOW')) a`;
  await db.$executeRaw`
    INSERT INTO "QueueEntry" (id, "tenantId", "locationId", "serviceId", kind, status, "ticketNumber", "localDate", "checkedInAt", "calledAt", "completedAt")
    SELECT gen_random_uuid(), ${tenant.id}::uuid, ${location.id}::uuid, (${serviceIds}::uuid[])[1 + i % 3], 'WALK_IN', 'DONE', 'W' || lpad(i::text, 7, '0'),
           (s."startsAt" AT TIME ZONE 'Europe/Berlin')::date, s."startsAt", s."startsAt" + make_interval(mins => 3 + i % 40, secs => ${SECONDS} * (i * 29 % 60)),
           s."startsAt" + make_interval(mins => 13 + i % 40 + i % 11, secs => ${SECONDS} * (i * 29 % 60 + i * 7 % 60))
      FROM generate_series(1, ${WALK_INS}) i JOIN slot_no s ON s.n = 1 + (i * 7) % ${slots}`;
  await db.$executeRawUnsafe('ALTER TABLE "Appointment" ENABLE TRIGGER USER');
  await db.$executeRawUnsafe('ALTER TABLE "QueueEntry" ENABLE TRIGGER USER');
  await db.$transaction((tx) => tx.$executeRaw`SELECT termin_statistics_rebuild()`, { timeout: 600_000 });
  await db.$executeRawUnsafe('VACUUM ANALYZE');
  console.log(
    `filled in ${(ms(start) / 1000).toFixed(1)} s: ${slots} slots, ${await db.appointment.count()} appointments, ${await db.queueEntry.count()} queue entries (${WALK_INS} walk-ins)`,
  );

  const [rollup] = await db.$queryRaw<{ bins: number; walkIns: number; days: number; months: number }[]>`
    SELECT (SELECT count(*) FROM "StatisticsAppointmentBin")::int AS bins, (SELECT count(*) FROM "StatisticsWalkInBin")::int AS "walkIns",
           (SELECT count(*) FROM "StatisticsDuration" WHERE period = 'day')::int AS days, (SELECT count(*) FROM "StatisticsDuration" WHERE period = 'month')::int AS months`;
  console.log(`rollup: ${rollup!.bins} appointment bins, ${rollup!.walkIns} walk-in bins, ${rollup!.days} daily and ${rollup!.months} monthly duration buckets`);
  const scope = { tenantId: tenant.id, locationIds: [location.id] };
  const year = { locationId: location.id, from: '2025-01-01', to: '2025-12-31' };
  const check = await statistics({ db }, scope, year);
  console.log(
    `whole year: ${check.totals.bookings} bookings, ${check.totals.walkIns} walk-ins, wait p90 ${((check.totals.waiting.p90Seconds ?? 0) / 60).toFixed(1)} min, utilisation ${((check.utilisation.rate ?? 0) * 100).toFixed(1)} %`,
  );
  if (MEASURE) {
    console.log(`runs: ${RUNS} after ${WARMUP} warm-up`);
    await measure('statistics, one office, whole year', () => statistics({ db }, scope, year));
    await measure('statistics, one office, one service, March', () =>
      statistics({ db }, scope, { ...year, serviceId: serviceIds[0], from: '2025-03-01', to: '2025-03-31' }),
    );
    await measure('CSV export, one office, whole year', async () => statisticsCsv(await statistics({ db }, scope, year), 'de'));
  }
} finally {
  await db.$disconnect();
  // KEEP=1 leaves the filled database for EXPLAIN ANALYZE by hand.
  if (process.env.KEEP === '1') console.log(`kept database ${name}`);
  else await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
