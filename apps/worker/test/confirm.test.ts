import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type Db } from '@termin/db';
import { startSmtpSink, type SmtpSink } from '@termin/notifications/testing/smtp-sink';
import { createTestDatabase, type TestDatabase } from '@termin/testkit/database';
import { createTestRedis, type TestRedis } from '@termin/testkit/redis';
import { createWorker, type WorkerApp } from '../src/worker-app';
import { book, cancel, seedPlace } from './support/bookings';
import { waitFor } from '@termin/testkit/wait';
import { workerConfig } from './support/worker-env';

let database: TestDatabase;
let redis: TestRedis;
let db: Db;
let sink: SmtpSink;
let worker: WorkerApp | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  redis = await createTestRedis();
  db = createPrismaClient({ databaseUrl: database.url });
  sink = await startSmtpSink();
});

afterAll(async () => {
  await worker?.close();
  await sink?.close();
  await db?.$disconnect();
  await redis?.cleanup();
  await database?.drop();
});

describe('confirmation through the appointment lifecycle', () => {
  it('refuses CANCELLED → CONFIRMED: the job ends without a retry, the booking stays cancelled and gets no confirmation', async () => {
    const place = await seedPlace(db);
    // Booked and cancelled before the worker runs: its confirm job meets a cancelled appointment.
    const booking = await book(db, place, { startsAt: new Date(Date.now() + 3 * 24 * 3600_000) });
    await cancel(db, booking);
    const booked = await db.outboxEvent.findFirstOrThrow({ where: { type: 'appointment.booked', payload: { path: ['appointmentId'], equals: booking.id } } });

    worker = createWorker({ config: workerConfig({ databaseUrl: database.url, redisUrl: redis.url, redisPrefix: redis.prefix, smtpPort: sink.port }) });
    await worker.start();
    const confirmJob = await waitFor('the confirm job to finish', async () => {
      const job = await worker!.context.queues['confirm-appointment'].getJob(booked.id);
      return job?.finishedOn ? job : null;
    });
    expect(confirmJob.returnvalue).toEqual({ outcome: 'status-CANCELLED' });
    expect(confirmJob.attemptsMade).toBe(1);
    expect(await confirmJob.getState()).toBe('completed');

    await waitFor('the cancellation e-mail', () => db.notificationLog.findFirst({ where: { appointmentId: booking.id, kind: 'cancellation', status: 'SENT' } }));
    const row = await db.appointment.findUniqueOrThrow({ where: { id: booking.id } });
    expect([row.status, row.confirmedAt]).toEqual(['CANCELLED', null]);
    expect(await db.notificationLog.count({ where: { appointmentId: booking.id, kind: 'confirmation' } })).toBe(0);
  });
});
