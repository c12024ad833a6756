import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type Db } from '@termin/db';
import { startSmtpSink, type SmtpSink } from '@termin/notifications/testing/smtp-sink';
import { createTestDatabase, type TestDatabase } from '@termin/testkit/database';
import { createTestRedis, type TestRedis } from '@termin/testkit/redis';
import { createWorker, type WorkerApp } from '../src/worker-app';
import { confirmAppointment } from '@termin/booking';
import { listDeadLetters, retryDeadLetter } from '@termin/jobs';
import { book, cancel, seedPlace, type DemoPlace, type TestBooking } from './support/bookings';
import { waitFor } from '@termin/testkit/wait';
import { workerConfig } from './support/worker-env';
import { logCapture } from '@termin/testkit/log-capture';

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
  let place: DemoPlace;
  it('refuses CANCELLED → CONFIRMED: the job ends without a retry, the booking stays cancelled and gets no confirmation', async () => {
    place = await seedPlace(db);
    // Booked and cancelled before the worker runs: its confirm job meets a cancelled appointment.
    const booking = await book(db, place, { startsAt: new Date(Date.now() + 3 * 24 * 3600_000) });
    await cancel(db, booking);
    const booked = await db.outboxEvent.findFirstOrThrow({ where: { type: 'appointment.booked', payload: { path: ['appointmentId'], equals: booking.id } } });

    worker = createWorker({
      logStream: logCapture('worker'),
      config: workerConfig({ databaseUrl: database.url, redisUrl: redis.url, redisPrefix: redis.prefix, smtpPort: sink.port }),
    });
    await worker.start();
    const confirmJob = await waitFor('the confirm job to finish', async () => {
      const job = await worker!.context.queues['confirm-appointment'].getJob(booked.id);
      return job?.finishedOn ? job : null;
    });
    expect(confirmJob.returnvalue).toEqual({ confirmed: 0, refused: { CANCELLED: 1 }, emails: { sent: 0, alreadySent: 0, retried: 0 }, reminders: 0 });
    expect(confirmJob.attemptsMade).toBe(1);
    expect(await confirmJob.getState()).toBe('completed');

    await waitFor('the cancellation e-mail', () => db.notificationLog.findFirst({ where: { appointmentId: booking.id, kind: 'cancellation', status: 'SENT' } }));
    const row = await db.appointment.findUniqueOrThrow({ where: { id: booking.id } });
    expect([row.status, row.confirmedAt]).toEqual(['CANCELLED', null]);
    expect(await db.notificationLog.count({ where: { appointmentId: booking.id, kind: 'confirmation' } })).toBe(0);
  });

  it('confirms a run of bookings in one job: each pending one confirmed and mailed once, a cancelled one left alone, one confirmed earlier finished', async () => {
    await worker!.close();
    worker = undefined;
    const startsAt = Date.now() + 4 * 24 * 3600_000;
    const [pending, cancelled, confirmedEarlier, another] = [
      await book(db, place, { startsAt: new Date(startsAt) }),
      await book(db, place, { startsAt: new Date(startsAt + 15 * 60_000) }),
      await book(db, place, { startsAt: new Date(startsAt + 30 * 60_000) }),
      await book(db, place, { startsAt: new Date(startsAt + 45 * 60_000) }),
    ];
    await cancel(db, cancelled!);
    // As if a run before a crash had confirmed it and died before its e-mail.
    await confirmAppointment({ db, now: new Date() }, confirmedEarlier!.id);
    const mailed = (code: string) => sink.messages.filter((m) => m.text?.includes(code));

    worker = createWorker({
      logStream: logCapture('worker'),
      config: workerConfig({ databaseUrl: database.url, redisUrl: redis.url, redisPrefix: redis.prefix, smtpPort: sink.port }),
    });
    await worker.start();
    const ids = [pending!.id, cancelled!.id, confirmedEarlier!.id, another!.id];
    const runJob = await waitFor('the run to be confirmed', async () => {
      const jobs = await worker!.context.queues['confirm-appointment'].getJobs(['completed']);
      return jobs.find((job) => (job.data as { appointmentIds: string[] }).appointmentIds.includes(pending!.id)) ?? null;
    });
    // The four bookings were relayed together, so one job took all of them.
    expect(runJob.data).toEqual({ appointmentIds: ids });
    expect(runJob.returnvalue).toEqual({ confirmed: 3, refused: { CANCELLED: 1 }, emails: { sent: 3, alreadySent: 0, retried: 0 }, reminders: 3 });

    const rows = await db.appointment.findMany({ where: { id: { in: ids } }, orderBy: { startsAt: 'asc' } });
    expect(rows.map((r) => r.status)).toEqual(['CONFIRMED', 'CANCELLED', 'CONFIRMED', 'CONFIRMED']);
    for (const booking of [pending!, confirmedEarlier!, another!]) expect(mailed(booking.bookingCode), booking.bookingCode).toHaveLength(1);
    expect(await db.notificationLog.count({ where: { appointmentId: cancelled!.id, kind: 'confirmation' } })).toBe(0);

    // The same run again (a retry after a crash) sends nothing more.
    await worker.context.queues['confirm-appointment'].add('confirm', { appointmentIds: ids }, { jobId: 'run-again' });
    const again = await waitFor('the run again', async () => {
      const job = await worker!.context.queues['confirm-appointment'].getJob('run-again');
      return job?.finishedOn ? job : null;
    });
    expect(again.returnvalue).toEqual({ confirmed: 3, refused: { CANCELLED: 1 }, emails: { sent: 0, alreadySent: 3, retried: 0 }, reminders: 3 });
    for (const booking of [pending!, confirmedEarlier!, another!]) expect(mailed(booking.bookingCode)).toHaveLength(1);
  });

  it('relays a long run as jobs of at most 25 bookings, every booking in exactly one', async () => {
    await worker!.close();
    const startsAt = Date.now() + 6 * 24 * 3600_000;
    const bookings: TestBooking[] = [];
    for (let i = 0; i < 60; i++) bookings.push(await book(db, place, { startsAt: new Date(startsAt + i * 15 * 60_000) }));
    const ids = new Set(bookings.map((b) => b.id));

    worker = createWorker({
      logStream: logCapture('worker'),
      config: workerConfig({ databaseUrl: database.url, redisUrl: redis.url, redisPrefix: redis.prefix, smtpPort: sink.port }),
    });
    await worker.start();
    const jobs = await waitFor('the 60 bookings confirmed', async () => {
      const done = (await worker!.context.queues['confirm-appointment'].getJobs(['completed'])).filter((job) =>
        (job.data as { appointmentIds: string[] }).appointmentIds.some((id) => ids.has(id)),
      );
      const covered = done.reduce((n, job) => n + (job.data as { appointmentIds: string[] }).appointmentIds.length, 0);
      return covered >= 60 ? done : null;
    });
    const sizes = jobs.map((job) => (job.data as { appointmentIds: string[] }).appointmentIds.length).sort((a, b) => b - a);
    expect(sizes).toEqual([25, 25, 10]);
    expect(new Set(jobs.flatMap((job) => (job.data as { appointmentIds: string[] }).appointmentIds))).toEqual(ids);
    expect(await db.appointment.count({ where: { id: { in: [...ids] }, status: 'CONFIRMED' } })).toBe(60);
    for (const booking of bookings)
      expect(
        sink.messages.filter((m) => m.text?.includes(booking.bookingCode)),
        booking.bookingCode,
      ).toHaveLength(1);
  });

  it('parks a run that keeps failing as one dead letter per booking, each of which an admin can send again', async () => {
    await worker!.close();
    const startsAt = Date.now() + 8 * 24 * 3600_000;
    const bookings: TestBooking[] = [];
    for (let i = 0; i < 3; i++) bookings.push(await book(db, place, { startsAt: new Date(startsAt + i * 15 * 60_000) }));
    const ids = bookings.map((b) => b.id);
    // The database refuses to confirm these three (as a broken deployment would), on every attempt.
    await db.$executeRawUnsafe(`
      CREATE FUNCTION refuse_confirm() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'confirmation refused for the test'; END $$`);
    await db.$executeRawUnsafe(
      `CREATE TRIGGER refuse_confirm BEFORE UPDATE ON "Appointment" FOR EACH ROW WHEN (NEW.id IN (${ids.map((id) => `'${id}'::uuid`).join(',')})) EXECUTE FUNCTION refuse_confirm()`,
    );

    worker = createWorker({
      logStream: logCapture('worker'),
      config: workerConfig({ databaseUrl: database.url, redisUrl: redis.url, redisPrefix: redis.prefix, smtpPort: sink.port }),
    });
    await worker.start();
    const letters = await waitFor('a dead letter for each booking', async () => {
      const all = await listDeadLetters(worker!.context.queues['dead-letter']);
      const mine = all.filter((letter) => letter.appointmentId && ids.includes(letter.appointmentId));
      return mine.length === 3 ? mine : null;
    });
    const run = await worker.context.queues['confirm-appointment'].getJobs(['failed']);
    const runJob = run.find((job) => (job.data as { appointmentIds: string[] }).appointmentIds.includes(ids[0]!))!;
    expect(runJob.attemptsMade).toBe(3);
    expect(letters.map((l) => l.appointmentId).sort()).toEqual([...ids].sort());
    for (const letter of letters) {
      expect(letter).toMatchObject({ queue: 'confirm-appointment', jobName: 'confirm', jobId: `${runJob.id}-${letter.appointmentId}`, attemptsMade: 3 });
      expect(letter.payload).toEqual({ appointmentIds: [letter.appointmentId] });
    }
    expect(await db.appointment.count({ where: { id: { in: ids }, status: 'PENDING' } })).toBe(3);

    // Repaired; the admin sends one booking's letter again: that booking alone is confirmed and mailed.
    await db.$executeRawUnsafe('DROP TRIGGER refuse_confirm ON "Appointment"; ');
    const letter = letters.find((l) => l.appointmentId === ids[1])!;
    await retryDeadLetter(worker.context.queues, worker.context.queues['dead-letter'], letter);
    await waitFor('the retried booking mailed', () => sink.messages.some((m) => m.text?.includes(bookings[1]!.bookingCode)));
    const rows = await db.appointment.findMany({ where: { id: { in: ids } } });
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({ [ids[0]!]: 'PENDING', [ids[1]!]: 'CONFIRMED', [ids[2]!]: 'PENDING' });
    expect((await listDeadLetters(worker.context.queues['dead-letter'])).filter((l) => l.appointmentId && ids.includes(l.appointmentId))).toHaveLength(2);
  });
});
