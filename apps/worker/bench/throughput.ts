/**
 * End-to-end throughput: bookings (appointment + outbox event, as the booking API commits them)
 * until their confirmation e-mail is accepted by an SMTP server, with two worker processes.
 *
 *   pnpm --filter @termin/worker bench                     (2,000 bookings)
 *   pnpm --filter @termin/worker bench -- --bookings 7700  (a Berlin day's release; or BENCH_BOOKINGS)
 *
 * Further knobs: BENCH_WORKERS (processes, 2), BENCH_CONCURRENCY (WORKER_CONCURRENCY of each,
 * else the worker's default), BENCH_CPU_PROF=<dir> (a V8 CPU profile of every worker process).
 * Needs PostgreSQL (TEST_DATABASE_ADMIN_URL) and Redis (REDIS_URL) like the tests; creates and
 * drops its own database and Redis prefix. The last line is `RESULT {json}` for the benchmark
 * harness of the repository.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import pg from 'pg';
import { Redis } from 'ioredis';
import { createPrismaClient, migrateDatabase } from '@termin/db';
import { seedDemo } from '@termin/db/seed';
import { generateBookingCode } from '@termin/domain';
import { bullPrefix } from '@termin/jobs';
import { parseMessage, startSmtpSink } from '@termin/notifications/testing/smtp-sink';
import { adminDatabaseUrl, withDatabase } from '@termin/testkit/database';
import { testRedisUrl } from '@termin/testkit/redis';
import { workerEnv } from '../test/support/worker-env';
import { cpuSince, cpuSnapshot } from './process-cpu';
import { WorkerProcess } from '../test/support/worker-process';

const { values: args } = parseArgs({ options: { bookings: { type: 'string' } }, allowPositionals: true });
const bookings = Number(args.bookings ?? process.env.BENCH_BOOKINGS ?? 2000);
const processes = Number(process.env.BENCH_WORKERS ?? 2);
const concurrency = process.env.BENCH_CONCURRENCY;
const smtpConnections = process.env.BENCH_SMTP_CONNECTIONS;
// Without progress for this long the run ends and every booking still without its e-mail counts as lost.
const STALL_MS = 60_000;

const name = `termin_bench_${randomBytes(4).toString('hex')}`;
const prefix = name;
const loadBefore = loadavg();

const admin = new pg.Client({ connectionString: adminDatabaseUrl() });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}"`);
const databaseUrl = withDatabase(adminDatabaseUrl(), name);
// Keeps Message-ID and time of each message instead of parsing it: parsing every message in this
// process cost more CPU than the worker's sending, on the same two cores.
const sink = await startSmtpSink({ parse: false });
const workers: WorkerProcess[] = [];
const db = createPrismaClient({ databaseUrl });
const probe = new pg.Client({ connectionString: databaseUrl });
const redisUrl = testRedisUrl();
const queues = ['confirm-appointment', 'email'].map((queue) => new Queue(queue, { connection: { url: redisUrl }, prefix: bullPrefix(prefix) }));

try {
  await migrateDatabase(databaseUrl);
  await probe.connect();
  const { tenantId, locationIds } = await seedDemo(db);
  const service = await db.service.findFirstOrThrow({ where: { tenantId, slug: 'personalausweis' } });

  const extra = { ...(concurrency ? { WORKER_CONCURRENCY: concurrency } : {}), ...(smtpConnections ? { SMTP_MAX_CONNECTIONS: smtpConnections } : {}) };
  const env = workerEnv({ databaseUrl, redisUrl, redisPrefix: prefix, smtpPort: sink.port, extra });
  const nodeArgs = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  for (let i = 0; i < processes; i++) workers.push(WorkerProcess.start(env, nodeArgs));
  // Started once they have loaded their code: until then each process is busy on its own.
  await sleep(2_000);
  for (let settled = 0, last = cpuSnapshot(workers.map((w) => w.pid ?? 0)), until = Date.now() + 30_000; settled < 2 && Date.now() < until;) {
    await sleep(500);
    const now = cpuSnapshot(workers.map((w) => w.pid ?? 0));
    settled = [...now].every(([pid, seconds]) => seconds - (last.get(pid) ?? 0) < 0.05) ? settled + 1 : 0;
    last = now;
  }

  const base = Date.now() + 7 * 24 * 3600_000;
  const rows = Array.from({ length: bookings }, (_, i) => ({
    id: randomUUID(),
    startsAt: new Date(base + i * 60_000),
    endsAt: new Date(base + i * 60_000 + 15 * 60_000),
    bookingCode: generateBookingCode(),
    citizenEmail: `bench-${i}@example.org`,
    contactHash: randomUUID().replace(/-/g, ''),
  }));

  console.log(
    `${bookings} bookings, ${processes} worker processes, concurrency per queue ${concurrency ?? 'default'}, load average ${loadBefore.map((n) => n.toFixed(2)).join(' ')}`,
  );
  // Which process the CPU went to: workers, this database's backends, Redis (shared with whatever
  // else uses it) and this process, which runs the SMTP server.
  const backends = async () =>
    (await probe.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()', [])).rows.map((r) => r.pid);
  const redisInfo = new Redis(redisUrl);
  const redisPid = Number(/process_id:(\d+)/.exec(await redisInfo.info('server'))?.[1] ?? 0);
  redisInfo.disconnect();
  const workerPids = workers.map((w) => w.pid ?? 0);
  const cpuBefore = cpuSnapshot([...workerPids, ...(await backends()), redisPid]);
  const ownBefore = process.cpuUsage();
  const backendsBefore = [...cpuBefore.keys()];
  const writeStarted = Date.now();
  // One transaction, as a booking commits appointment and event together; unnest keeps a
  // release of thousands one statement per table.
  await probe.query('BEGIN');
  await probe.query(
    `INSERT INTO "Appointment" (id, "tenantId", "locationId", "serviceId", "startsAt", "endsAt", "bookingCode", "citizenName", "citizenEmail", "contactHash", "qrCode", "updatedAt")
     SELECT u.id, $1, $2, $3, u.starts, u.ends, u.code, 'Bench Citizen', u.email, u.hash, gen_random_uuid(), now()
     FROM unnest($4::uuid[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::text[], $9::text[]) AS u(id, starts, ends, code, email, hash)`,
    [
      tenantId,
      locationIds[0],
      service.id,
      rows.map((r) => r.id),
      rows.map((r) => r.startsAt),
      rows.map((r) => r.endsAt),
      rows.map((r) => r.bookingCode),
      rows.map((r) => r.citizenEmail),
      rows.map((r) => r.contactHash),
    ],
  );
  await probe.query(
    `INSERT INTO "OutboxEvent" (id, type, payload) SELECT gen_random_uuid(), 'appointment.booked', jsonb_build_object('appointmentId', a, 'sequence', 0) FROM unnest($1::uuid[]) AS a`,
    [rows.map((r) => r.id)],
  );
  await probe.query('COMMIT');
  // The clock starts with the commit: before it the relay cannot see a booking.
  const started = Date.now();
  const writeMs = started - writeStarted;

  // When the last booking left the outbox and when the last was confirmed: where the time went.
  const stages = { relayedMs: null as number | null, confirmedMs: null as number | null };
  const unique = new Set<string>();
  let seen = 0;
  let lastProgress = Date.now();
  let lastReport = started;
  while (unique.size < bookings && Date.now() - lastProgress < STALL_MS) {
    for (; seen < sink.accepted.length; seen++) unique.add(sink.accepted[seen]!.messageId ?? `none-${seen}`);
    if (seen > 0 && sink.accepted[seen - 1]!.at > lastProgress) lastProgress = sink.accepted[seen - 1]!.at;
    if (stages.relayedMs === null || stages.confirmedMs === null) {
      const {
        rows: [count],
      } = await probe.query<{ relayed: number; confirmed: number }>(
        `SELECT (SELECT count(*)::int FROM "OutboxEvent" WHERE "publishedAt" IS NOT NULL) AS relayed,
                (SELECT count(*)::int FROM "Appointment" WHERE status = 'CONFIRMED') AS confirmed`,
      );
      if (stages.relayedMs === null && count!.relayed >= bookings) stages.relayedMs = Date.now() - started;
      if (stages.confirmedMs === null && count!.confirmed >= bookings) stages.confirmedMs = Date.now() - started;
    }
    if (Date.now() - lastReport > 5_000) {
      console.log(`  ${unique.size}/${bookings} e-mails accepted`);
      lastReport = Date.now();
    }
    await sleep(100);
  }

  // A duplicate would arrive from a job still running or retrying: wait until none is left.
  const idleBy = Date.now() + 30_000;
  while (Date.now() < idleBy) {
    const counts = await Promise.all(queues.map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
    if (counts.every((c) => Object.values(c).every((n) => n === 0))) break;
    await sleep(200);
  }
  await sleep(500);

  const ownCpu = process.cpuUsage(ownBefore);
  const backendPids = [...new Set([...backendsBefore.filter((pid) => !workerPids.includes(pid) && pid !== redisPid), ...(await backends())])];
  const cpuMsPerBooking = (seconds: number) => Number(((seconds * 1000) / bookings).toFixed(2));
  const cpu = {
    workers: cpuMsPerBooking(cpuSince(cpuBefore, workerPids)),
    postgres: cpuMsPerBooking(cpuSince(cpuBefore, backendPids)),
    redis: cpuMsPerBooking(cpuSince(cpuBefore, [redisPid])),
    smtpServerAndBench: cpuMsPerBooking((ownCpu.user + ownCpu.system) / 1e6),
  };

  const firsts = new Map<string, number>();
  for (const [i, message] of sink.accepted.entries()) {
    const id = message.messageId ?? `none-${i}`;
    if (!firsts.has(id)) firsts.set(id, message.at - started);
  }
  const latencies = [...firsts.values()].sort((a, b) => a - b);
  const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? 0;
  const delivered = firsts.size;
  const seconds = (latencies.at(-1) ?? 0) / 1000;
  const duplicates = sink.accepted.length - delivered;
  const lost = bookings - delivered;
  const {
    rows: [logged],
  } = await probe.query<{ confirmed: number; sent: number }>(
    `SELECT (SELECT count(*)::int FROM "Appointment" WHERE status = 'CONFIRMED') AS confirmed,
            (SELECT count(*)::int FROM "NotificationLog" WHERE status = 'SENT') AS sent`,
  );

  // Every message is the real one: one sample read in full.
  const raw = sink.firstRaw();
  const sample = raw ? await parseMessage(raw) : null;
  const sampleComplete =
    !!sample &&
    sample.attachments.some((a) => a.contentType === 'text/calendar') &&
    sample.attachments.some((a) => a.contentType === 'image/png') &&
    /bench-\d+@example\.org/.test(sample.to && 'text' in sample.to ? sample.to.text : '');
  const averageBytes = Math.round(sink.accepted.reduce((n, m) => n + m.bytes, 0) / Math.max(1, sink.accepted.length));

  const loadAfter = loadavg();
  const result = {
    notificationsPerSecond: Number((delivered / Math.max(seconds, 0.001)).toFixed(1)),
    bookings,
    duplicates,
    lost,
    p50Ms: percentile(50),
    p99Ms: percentile(99),
    maxMs: latencies.at(-1) ?? 0,
    seconds: Number(seconds.toFixed(2)),
    writeMs,
    relayedMs: stages.relayedMs,
    confirmedMs: stages.confirmedMs,
    workerProcesses: processes,
    concurrencyPerQueue: concurrency ? Number(concurrency) : null,
    appointmentsConfirmed: logged!.confirmed,
    notificationLogSent: logged!.sent,
    averageMessageBytes: averageBytes,
    cpuMsPerBooking: cpu,
    sampleComplete,
    loadAverage: { before: Number(loadBefore[0]!.toFixed(2)), after: Number(loadAfter[0]!.toFixed(2)) },
  };
  console.log('');
  console.log(`confirmation e-mails accepted  ${delivered} of ${bookings} in ${result.seconds} s: ${result.notificationsPerSecond}/s`);
  console.log(`latency from the booking       p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, max ${result.maxMs} ms`);
  console.log(
    `stages (from the commit)       written in ${result.writeMs} ms before it, all relayed ${result.relayedMs ?? '-'} ms, all confirmed ${result.confirmedMs ?? '-'} ms`,
  );
  console.log(`duplicates ${duplicates}, lost ${lost}; database: ${result.appointmentsConfirmed} confirmed, ${result.notificationLogSent} e-mails logged SENT`);
  console.log(`sample message with calendar file and QR code: ${sampleComplete ? 'yes' : 'NO'}, ${averageBytes} bytes on average`);
  console.log(
    `CPU per booking                workers ${cpu.workers} ms, PostgreSQL ${cpu.postgres} ms, Redis ${cpu.redis} ms (shared), SMTP server ${cpu.smtpServerAndBench} ms`,
  );
  console.log(`load average (1 min) ${result.loadAverage.before} before, ${result.loadAverage.after} after`);
  for (const [i, w] of workers.entries()) if (w.exitCode !== null) console.log(`worker ${i} exited early (${w.exitCode}): ${w.errors.slice(-500)}`);
  console.log(`RESULT ${JSON.stringify(result)}`);
} finally {
  for (const w of workers) await w.kill('SIGTERM');
  await Promise.all(queues.map((q) => q.close()));
  await probe.end().catch(() => undefined);
  await db.$disconnect();
  await sink.close();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
  const redis = new Redis(redisUrl);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}
