/**
 * End-to-end throughput: bookings (appointment + outbox event, as the booking API commits them)
 * until their confirmation e-mail is accepted by an SMTP server, with two worker processes.
 *
 *   pnpm --filter @termin/worker bench            (BENCH_BOOKINGS=1000 for a longer run)
 *
 * Needs PostgreSQL (TEST_DATABASE_ADMIN_URL) and Redis (REDIS_URL) like the tests; creates and
 * drops its own database and Redis prefix.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { Redis } from 'ioredis';
import { createPrismaClient, migrateDatabase } from '@termin/db';
import { seedDemo } from '@termin/db/seed';
import { generateBookingCode } from '@termin/domain';
import { startSmtpSink } from '@termin/notifications/testing/smtp-sink';
import { adminDatabaseUrl, withDatabase } from '@termin/testkit/database';
import { testRedisUrl } from '@termin/testkit/redis';
import { workerEnv } from '../test/support/worker-env';
import { WorkerProcess } from '../test/support/worker-process';

const bookings = Number(process.env.BENCH_BOOKINGS ?? 500);
const concurrency = process.env.BENCH_CONCURRENCY ?? '5';
const name = `termin_bench_${randomBytes(4).toString('hex')}`;
const prefix = name;

const admin = new pg.Client({ connectionString: adminDatabaseUrl() });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}"`);
const databaseUrl = withDatabase(adminDatabaseUrl(), name);
const sink = await startSmtpSink();
const workers: WorkerProcess[] = [];
const db = createPrismaClient({ databaseUrl });

try {
  await migrateDatabase(databaseUrl);
  const { tenantId, locationIds } = await seedDemo(db);
  const service = await db.service.findFirstOrThrow({ where: { tenantId, slug: 'personalausweis' } });

  const env = workerEnv({ databaseUrl, redisUrl: testRedisUrl(), redisPrefix: prefix, smtpPort: sink.port, extra: { WORKER_CONCURRENCY: concurrency } });
  workers.push(WorkerProcess.start(env), WorkerProcess.start(env));
  await sleep(3_000); // both processes connected and polling

  const base = Date.now() + 7 * 24 * 3600_000;
  const rows = Array.from({ length: bookings }, (_, i) => ({
    id: randomUUID(),
    tenantId,
    locationId: locationIds[0]!,
    serviceId: service.id,
    startsAt: new Date(base + i * 60_000),
    endsAt: new Date(base + i * 60_000 + 15 * 60_000),
    bookingCode: generateBookingCode(),
    citizenName: 'Bench Citizen',
    citizenEmail: `bench-${i}@example.org`,
    contactHash: randomUUID().replace(/-/g, ''),
  }));

  const started = Date.now();
  await db.$transaction([
    db.appointment.createMany({ data: rows }),
    db.outboxEvent.createMany({ data: rows.map((r) => ({ type: 'appointment.booked', payload: { appointmentId: r.id, sequence: 0 } })) }),
  ]);
  let lastReport = started;
  while (sink.messages.length < bookings) {
    if (Date.now() - started > 10 * 60_000) throw new Error(`only ${sink.messages.length} of ${bookings} e-mails after 10 minutes`);
    if (Date.now() - lastReport > 5_000) {
      console.log(`  ${sink.messages.length}/${bookings} e-mails accepted`);
      lastReport = Date.now();
    }
    await sleep(20);
  }
  const seconds = (Date.now() - started) / 1000;
  const duplicates = sink.messages.length - new Set(sink.messages.map((m) => m.messageId)).size;
  console.log(
    JSON.stringify({
      bookings,
      workerProcesses: 2,
      concurrencyPerQueue: Number(concurrency),
      seconds: Number(seconds.toFixed(2)),
      bookingsPerSecond: Number((bookings / seconds).toFixed(1)),
      duplicates,
    }),
  );
} finally {
  for (const w of workers) await w.kill('SIGTERM');
  await db.$disconnect();
  await sink.close();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
  const redis = new Redis(testRedisUrl());
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}
