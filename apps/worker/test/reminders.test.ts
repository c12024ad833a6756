import { beforeAll, describe, expect, it } from 'vitest';
import type { Job } from 'bullmq';
import type { Db } from '@termin/db';
import { reminderJobId, type QueueName } from '@termin/jobs';
import type { SmtpSink } from '@termin/notifications/testing/smtp-sink';
import { createTestClock } from '@termin/testkit/clock';
import { waitFor } from '@termin/testkit/wait';
import type { WorkerApp } from '../src/worker-app';
import { book, cancel, reschedule, type DemoPlace } from './support/bookings';
import { useWorkerTestBed } from './support/test-bed';

let db: Db;
let sink: SmtpSink;
let worker: WorkerApp;
let place: DemoPlace;
/** The worker's clock. It stands still: a reminder's delay is then exactly the time until it is due. */
const clock = createTestClock();

const OFFSET_MINUTES = 24 * 60;
const DAY_MS = 24 * 3600_000;
const inDays = (days: number) => new Date(Math.ceil((clock.now().getTime() + days * DAY_MS) / 60_000) * 60_000);
const reminderAt = (startsAt: Date) => startsAt.getTime() - OFFSET_MINUTES * 60_000;

const bed = useWorkerTestBed({
  now: clock.now,
  prepare: ({ db, place }) => db.tenant.update({ where: { id: place.tenantId }, data: { reminderOffsetMinutes: OFFSET_MINUTES } }).then(() => undefined),
});
beforeAll(() => void ({ db, sink, worker, place } = bed));

const mailsFor = (bookingCode: string) => sink.messages.filter((m) => m.text?.includes(bookingCode));
const remindersFor = (bookingCode: string) => mailsFor(bookingCode).filter((m) => /Erinnerung/i.test(m.subject ?? ''));

/** The appointment's reminder for `sequence` once it waits for its moment; null until then. */
async function delayedReminder(appointmentId: string, sequence: number): Promise<Job | null> {
  const job = await worker.context.queues.reminder.getJob(reminderJobId(appointmentId, sequence));
  return job && (await job.getState()) === 'delayed' ? job : null;
}

/**
 * What happens when the reminders' moment comes: BullMQ moves due jobs on by itself; here every
 * waiting reminder is due at once, and the test waits until they and the e-mails they started are done.
 */
async function letAllRemindersFall() {
  await worker.context.queues.reminder.promoteJobs();
  await waitFor('reminders and their e-mails to be done', async () => {
    for (const name of ['reminder', 'email'] satisfies QueueName[]) {
      const counts = await worker.context.queues[name].getJobCounts('waiting', 'active', 'prioritized', ...(name === 'email' ? ['delayed' as const] : []));
      if (Object.values(counts).some((n) => n > 0)) return false;
    }
    return true;
  });
}

describe('reminders', () => {
  it('arrive at the configured time before the appointment, once', async () => {
    const startsAt = inDays(3);
    const appointment = await book(db, place, { startsAt });
    await waitFor('confirmation', () => mailsFor(appointment.bookingCode).length > 0);
    const job = await waitFor('reminder to be scheduled', () => delayedReminder(appointment.id, 0));
    expect(job.delay, 'due a day before the appointment').toBe(reminderAt(startsAt) - clock.now().getTime());
    expect(remindersFor(appointment.bookingCode)).toHaveLength(0);

    await letAllRemindersFall();
    expect(remindersFor(appointment.bookingCode)).toHaveLength(1);
  });

  it('are not sent for a cancelled appointment', async () => {
    const startsAt = inDays(3);
    const appointment = await book(db, place, { startsAt });
    await waitFor('reminder to be scheduled', () => delayedReminder(appointment.id, 0));

    await cancel(db, appointment);
    await waitFor('cancellation e-mail', () => mailsFor(appointment.bookingCode).some((m) => /abgesagt|storniert/i.test(m.subject ?? '')));
    expect(await worker.context.queues.reminder.getJob(reminderJobId(appointment.id, 0))).toBeUndefined();

    // Another appointment at the same time keeps its reminder: it shows that the moment has come.
    const other = await book(db, place, { startsAt: new Date(startsAt.getTime() + 15 * 60_000) });
    await waitFor('the other reminder to be scheduled', () => delayedReminder(other.id, 0));
    await letAllRemindersFall();
    expect(remindersFor(other.bookingCode)).toHaveLength(1);
    expect(remindersFor(appointment.bookingCode)).toHaveLength(0);
  });

  it('move with a rescheduled appointment', async () => {
    const first = inDays(3);
    const appointment = await book(db, place, { startsAt: first });
    await waitFor('reminder to be scheduled', () => delayedReminder(appointment.id, 0));

    const moved = inDays(5);
    await reschedule(db, place, appointment, moved);
    const job = await waitFor('reminder to move', () => delayedReminder(appointment.id, 1));
    expect(job.delay, 'due a day before the new time').toBe(reminderAt(moved) - clock.now().getTime());
    expect(await worker.context.queues.reminder.getJob(reminderJobId(appointment.id, 0)), 'nothing left at the old time').toBeUndefined();

    await letAllRemindersFall();
    expect(remindersFor(appointment.bookingCode)).toHaveLength(1);
    const log = await db.notificationLog.findMany({ where: { appointmentId: appointment.id, kind: 'reminder' } });
    expect(log.map((l) => l.dedupeKey)).toEqual([`email:reminder:${appointment.id}:1`]);
  });
});
