/**
 * Booking throughput and availability reads over real HTTP.
 *
 *   pnpm --filter @termin/api bench:booking
 *
 * Knobs: CLIENTS=200 DURATION=15 WARMUP=3 PROCESSES=<cores> POOL=20 HISTORY=30000 RATE=1000;
 * PHASES=bookings,paced,reads (any of them); CALIBRATE=0 skips measuring the machine first
 * (calibrate.ts); BENCH_CPU_PROF=<folder> writes CPU profiles of the measured phases.
 *
 * Measures the machine, then creates a fresh database, seeds the demo municipality, fills Bürgeramt Mitte's next 30 days with
 * slots of large capacity (so nothing is refused), adds HISTORY past appointments, analyses the
 * tables (a city's database is months old and has statistics) and starts the API (bench/serve.ts:
 * one process per core, as production would run it, the clients spread evenly over them). Phases:
 * - bookings: CLIENTS connections book as fast as they are answered (a different citizen each
 *   time, spread over all slots, so rows are contended the way a busy booking day contends them):
 *   the most bookings a second the machine manages, and the waits at that saturation;
 * - paced: the same CLIENTS connections book RATE times a second in all, at random moments: the
 *   waits at the target load;
 * - reads: CLIENTS connections read one day's free times, cycling through the days.
 * Each phase starts with a short warm-up that is not counted. API, PostgreSQL, Redis and wrk all
 * share this machine's cores: the numbers are conservative.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { calibrationLine } from './calibrate';
import { createBenchDatabase, productionBenchEnv, startApiProcess, type ApiProcess } from './support';
import { ensureWrk, runWrk, type WrkResult } from './wrk';
import { regenerateSlots } from '@termin/booking';
import { loadApiConfig } from '@termin/config';
import { createPrismaClient, migrateDatabase } from '@termin/db';
import { seedDemo } from '@termin/db/seed';
import { addDaysToLocalDate, localDateOf } from '@termin/domain';

const CLIENTS = Number(process.env.CLIENTS ?? 200);
const SECONDS = Number(process.env.DURATION ?? 15);
const WARMUP_SECONDS = Number(process.env.WARMUP ?? 3);
const PROCESSES = Number(process.env.PROCESSES ?? availableParallelism());
const POOL = process.env.POOL ?? '20';
/** Past appointments in the database before the benchmark starts (as after a few months of use). */
const HISTORY_APPOINTMENTS = Number(process.env.HISTORY ?? 30_000);
const HISTORY_CONTACTS = 12_000;
/** Bookings per second in the paced phase, over all clients. */
const RATE = Number(process.env.RATE ?? 1000);
/** Any of `bookings`, `paced` and `reads` (by default all three). */
const PHASES = (process.env.PHASES ?? 'bookings,paced,reads').split(',');

const report = (label: string, r: WrkResult, status: string) =>
  `${label.padEnd(22)} n=${String(r.statuses[status] ?? 0).padStart(7)}  ${((r.statuses[status] ?? 0) / r.seconds).toFixed(0).padStart(6)}/s  p50=${r.p50.toFixed(1)} ms  p90=${r.p90.toFixed(1)} ms  ` +
  `p99=${r.p99.toFixed(1)} ms  max=${r.max.toFixed(1)} ms  over ${r.seconds.toFixed(1)} s  statuses=${JSON.stringify(r.statuses)}${r.socketErrors ? `  socket errors=${r.socketErrors}` : ''}`;

ensureWrk();
// Before anything else runs: the machine's own speed, to read the results against.
const calibration = process.env.CALIBRATE === '0' ? undefined : await calibrationLine();
const database = await createBenchDatabase();
const dbUrl = database.url;
const work = mkdtempSync(join(tmpdir(), 'termin-bench-'));
let server: ApiProcess | undefined;
try {
  await migrateDatabase(dbUrl);
  const db = createPrismaClient({ databaseUrl: dbUrl });
  await seedDemo(db);
  const location = await db.location.findFirstOrThrow({ where: { slug: 'buergeramt-mitte' } });
  const service = await db.service.findFirstOrThrow({ where: { slug: 'personalausweis' } });
  const now = new Date();
  const today = localDateOf(now, location.timezone);
  await regenerateSlots({ db, locationId: location.id, from: today, to: addDaysToLocalDate(today, 30), now });
  await db.tenant.update({ where: { id: location.tenantId }, data: { minLeadMinutes: 0 } });
  await db.timeSlot.updateMany({ where: { locationId: location.id }, data: { capacity: 1_000_000 } });
  // A service takes at most `slotCapacity` places of a slot (the admin issue): lifted like the slots' own capacity.
  await db.service.update({ where: { id: service.id }, data: { slotCapacity: 1_000_000, internalPlaces: 0 } });
  const slots = await db.timeSlot.findMany({
    where: { locationId: location.id, startsAt: { gt: new Date(now.getTime() + 60 * 60_000) } },
    orderBy: { startsAt: 'asc' },
    select: { startsAt: true },
  });
  const days = [...new Set(slots.map((s) => localDateOf(s.startsAt, location.timezone)))];
  // A city's database is not new: months of past appointments, and statistics about them. On empty,
  // never analysed tables PostgreSQL plans the booking's statements for tables of a few rows, and those
  // plans stay for the connection's life while the tables grow under the benchmark.
  await db.$executeRaw`
    INSERT INTO "Appointment" (id, "tenantId", "locationId", "serviceId", "startsAt", "endsAt", status, "bookingCode", "qrCode",
      "contactHash", "idempotencyKey", "bookedAt", "completedAt", "updatedAt")
    SELECT gen_random_uuid(), ${location.tenantId}::uuid, ${location.id}::uuid, ${service.id}::uuid, at, at + interval '15 minutes',
      'DONE', 'HIST-' || lpad(i::text, 14, '0'), gen_random_uuid(), md5('contact' || (i % ${HISTORY_CONTACTS})),
      CASE WHEN i % 3 = 0 THEN md5('key' || i) END, at - interval '7 days', at + interval '15 minutes', at + interval '15 minutes'
    FROM generate_series(1, ${HISTORY_APPOINTMENTS}) AS i,
      LATERAL (SELECT ${now}::timestamptz - (i % 90 + 1) * interval '1 day' + (i % 32) * interval '15 minutes' AS at) t`;
  await db.$executeRaw`
    INSERT INTO "ContactHistory" ("tenantId", "contactHash", appointments, "noShows", "lastSeenAt")
    SELECT "tenantId", "contactHash", count(*), count(*) FILTER (WHERE random() < 0.1), max("bookedAt")
    FROM "Appointment" GROUP BY "tenantId", "contactHash"`;
  await db.$executeRawUnsafe('ANALYZE');
  // The set-up (and the calibration's pgbench) wrote a lot: a checkpoint now, rather than one spread
  // over the measured phases.
  await db.$executeRawUnsafe('CHECKPOINT');
  await db.$disconnect();
  const startsFile = join(work, 'starts.txt');
  const daysFile = join(work, 'days.txt');
  writeFileSync(startsFile, slots.map((s) => s.startsAt.toISOString()).join('\n') + '\n');
  writeFileSync(daysFile, days.join('\n') + '\n');

  const env = productionBenchEnv(dbUrl, POOL);
  loadApiConfig(env); // fails here, with a clear message, rather than in the children
  server = await startApiProcess(env, PROCESSES);
  const { urls } = server;

  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; ` +
      `${PROCESSES} API process(es), pool ${POOL} each; ${CLIENTS} clients, ${SECONDS} s per phase; ${slots.length} slots`,
  );
  if (calibration) console.log(calibration);
  console.log(
    "n and …/s count the answers that matter (201 for bookings, 200 for reads); in the paced phase each client's first " +
      'request is a health check, so that the clients do not all book at the same moment when they connect',
  );

  const run = randomBytes(3).toString('hex');
  const booking = (tag: string, seconds: number, rate?: number) =>
    runWrk({
      urls,
      script: rate ? 'booking-paced.lua' : 'booking.lua',
      connections: CLIENTS,
      seconds,
      args: [`${run}${tag}`, 'demo', location.id, service.id, startsFile, ...(rate ? [String(rate)] : [])],
    });
  if (PHASES.includes('bookings')) {
    await booking('w', WARMUP_SECONDS);
    server.send('phase:start');
    console.log(report('bookings', await booking('m', SECONDS), '201'));
    server.send('phase:bookings');
  }
  if (PHASES.includes('paced')) {
    await booking('pw', WARMUP_SECONDS, RATE);
    server.send('phase:start');
    console.log(report(`bookings at ${RATE}/s`, await booking('pm', SECONDS, RATE), '201'));
    server.send('phase:paced');
  }

  const reads = (seconds: number) => runWrk({ urls, script: 'reads.lua', connections: CLIENTS, seconds, args: ['demo', location.id, service.id, daysFile] });
  if (PHASES.includes('reads')) {
    await reads(WARMUP_SECONDS);
    server.send('phase:start');
    console.log(report('availability reads', await reads(SECONDS), '200'));
    server.send('phase:reads');
  }
} finally {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
  await database.drop();
}
