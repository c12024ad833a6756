import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPrismaClient, type Db } from '@termin/db';
import { startSmtpSink, type SmtpSink } from '@termin/notifications/testing/smtp-sink';
import { createTestDatabase, type TestDatabase } from '@termin/testkit/database';
import { waitFor } from '@termin/testkit/wait';
import { createWorker, type WorkerApp } from '../src/worker-app';
import { book, seedPlace, type DemoPlace } from './support/bookings';
import { DisposableRedis } from './support/redis-server';
import { workerConfig } from './support/worker-env';
import { logCapture } from '@termin/testkit/log-capture';

let database: TestDatabase;
let redis: DisposableRedis;
let db: Db;
let sink: SmtpSink;
let worker: WorkerApp;
let place: DemoPlace;

beforeAll(async () => {
  database = await createTestDatabase();
  redis = await DisposableRedis.start();
  db = createPrismaClient({ databaseUrl: database.url });
  place = await seedPlace(db);
  sink = await startSmtpSink();
  worker = createWorker({
    logStream: logCapture('worker'),
    config: workerConfig({ databaseUrl: database.url, redisUrl: redis.url, redisPrefix: 'outage', smtpPort: sink.port }),
  });
  await worker.start();
});

afterAll(async () => {
  await worker?.close();
  await redis?.stop();
  await sink?.close();
  await db?.$disconnect();
  await database?.drop();
});

it('confirms every booking made while Redis was down exactly once after it is back', async () => {
  await redis.stop();

  const startsAt = new Date(Date.now() + 3 * 24 * 3600_000);
  const bookings = [];
  for (let i = 0; i < 20; i++) bookings.push(await book(db, place, { startsAt: new Date(startsAt.getTime() + i * 15 * 60_000) }));

  // The relay keeps trying and keeps every event unpublished meanwhile.
  await waitFor('the relay to fail twice against the stopped Redis', async () => (await db.outboxEvent.findFirst({ where: { attempts: { gte: 2 } } })) !== null);
  expect(await db.outboxEvent.count({ where: { publishedAt: null } })).toBe(20);
  expect(await db.appointment.count({ where: { status: 'CONFIRMED' } })).toBe(0);
  expect(sink.messages).toHaveLength(0);

  await redis.start();

  await waitFor('all 20 confirmed and mailed', async () => (await db.appointment.count({ where: { status: 'CONFIRMED' } })) === 20 && sink.messages.length >= 20, {
    timeoutMs: 40_000,
  });
  // Once no job is left that could send, a duplicate would be here.
  await waitFor('no e-mail or confirmation job left', async () => {
    for (const name of ['email', 'confirm-appointment'] as const) {
      const counts = await worker.context.queues[name].getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (Object.values(counts).some((n) => n > 0)) return false;
    }
    return true;
  });

  expect(sink.messages).toHaveLength(20);
  for (const booking of bookings) {
    expect(
      sink.messages.filter((m) => m.text?.includes(booking.bookingCode)),
      booking.bookingCode,
    ).toHaveLength(1);
  }
  expect(await db.outboxEvent.count({ where: { publishedAt: null } })).toBe(0);
  expect(await db.notificationLog.count({ where: { status: 'SENT', kind: 'confirmation' } })).toBe(20);
});
