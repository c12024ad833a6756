import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPrismaClient, type Db } from '@termin/db';
import { reminderJobId } from '@termin/jobs';
import { startSmtpSink, type SmtpSink } from '@termin/notifications/testing/smtp-sink';
import { createTestDatabase, type TestDatabase } from '@termin/testkit/database';
import { createTestRedis, type TestRedis } from '@termin/testkit/redis';
import { createWorker, type WorkerApp } from '../src/worker-app';
import { book, cancel, reschedule, seedPlace, type DemoPlace } from './support/bookings';
import { waitFor } from './support/wait';
import { workerConfig } from './support/worker-env';

let database: TestDatabase;
let redis: TestRedis;
let db: Db;
let sink: SmtpSink;
let worker: WorkerApp;
let place: DemoPlace;
/** When each message arrived at the SMTP server, by its subject and booking code. */
const arrivals: { at: number; subject: string; text: string }[] = [];

const OFFSET_MINUTES = 1;
/** An appointment whose reminder is due `inMs` from now. */
const startsWithReminderIn = (inMs: number) => new Date(Date.now() + OFFSET_MINUTES * 60_000 + inMs);
const reminderAt = (startsAt: Date) => startsAt.getTime() - OFFSET_MINUTES * 60_000;

beforeAll(async () => {
  database = await createTestDatabase();
  redis = await createTestRedis();
  db = createPrismaClient({ databaseUrl: database.url });
  place = await seedPlace(db);
  await db.tenant.update({ where: { id: place.tenantId }, data: { reminderOffsetMinutes: OFFSET_MINUTES } });
  sink = await startSmtpSink();
  const push = sink.messages.push.bind(sink.messages);
  sink.messages.push = (...mails) => {
    for (const mail of mails) arrivals.push({ at: Date.now(), subject: mail.subject ?? '', text: mail.text ?? '' });
    return push(...mails);
  };
  worker = createWorker({
    config: workerConfig({ databaseUrl: database.url, redisUrl: redis.url, redisPrefix: redis.prefix, smtpPort: sink.port }),
  });
  await worker.start();
});

afterAll(async () => {
  await worker?.close();
  await sink?.close();
  await db?.$disconnect();
  await redis?.cleanup();
  await database?.drop();
});

const remindersFor = (bookingCode: string) => arrivals.filter((m) => /Erinnerung/i.test(m.subject) && m.text.includes(bookingCode));
const reminderJob = (appointmentId: string, sequence: number) => worker.context.queues.reminder.getJob(reminderJobId(appointmentId, sequence));

describe('reminders', () => {
  it('arrive at the configured time before the appointment', async () => {
    const startsAt = startsWithReminderIn(4_000);
    const appointment = await book(db, place, { startsAt });
    await waitFor('confirmation', () => arrivals.some((m) => m.text.includes(appointment.bookingCode)));
    expect(remindersFor(appointment.bookingCode)).toHaveLength(0);

    const reminder = await waitFor('reminder', () => remindersFor(appointment.bookingCode)[0], 15_000);
    expect(reminder.at).toBeGreaterThanOrEqual(reminderAt(startsAt));
    expect(reminder.at).toBeLessThan(reminderAt(startsAt) + 3_000);
    await sleep(500);
    expect(remindersFor(appointment.bookingCode)).toHaveLength(1);
  });

  it('are not sent for a cancelled appointment', async () => {
    const startsAt = startsWithReminderIn(4_000);
    const appointment = await book(db, place, { startsAt });
    await waitFor('reminder to be scheduled', async () => (await reminderJob(appointment.id, 0)?.then((j) => j?.getState())) === 'delayed');

    await cancel(db, appointment);
    await waitFor('cancellation e-mail', () => arrivals.some((m) => /abgesagt|storniert/i.test(m.subject) && m.text.includes(appointment.bookingCode)));
    expect(await reminderJob(appointment.id, 0)).toBeUndefined();

    await sleep(Math.max(0, reminderAt(startsAt) - Date.now()) + 1_500);
    expect(remindersFor(appointment.bookingCode)).toHaveLength(0);
  });

  it('move with a rescheduled appointment', async () => {
    const first = startsWithReminderIn(3_000);
    const appointment = await book(db, place, { startsAt: first });
    await waitFor('reminder to be scheduled', async () => (await reminderJob(appointment.id, 0)?.then((j) => j?.getState())) === 'delayed');

    const moved = startsWithReminderIn(7_000);
    await reschedule(db, place, appointment, moved);
    await waitFor('reminder to move', async () => (await reminderJob(appointment.id, 1)?.then((j) => j?.getState())) === 'delayed');
    expect(await reminderJob(appointment.id, 0)).toBeUndefined();

    await sleep(Math.max(0, reminderAt(first) - Date.now()) + 1_000);
    expect(remindersFor(appointment.bookingCode), 'nothing at the old time').toHaveLength(0);

    const reminder = await waitFor('reminder at the new time', () => remindersFor(appointment.bookingCode)[0], 15_000);
    expect(reminder.at).toBeGreaterThanOrEqual(reminderAt(moved));
    const log = await db.notificationLog.findMany({ where: { appointmentId: appointment.id, kind: 'reminder' } });
    expect(log.map((l) => l.dedupeKey)).toEqual([`email:reminder:${appointment.id}:1`]);
  });
});
