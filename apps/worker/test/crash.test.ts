import { Queue } from 'bullmq';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '@termin/db';
import { bullPrefix } from '@termin/jobs';
import type { SmtpSink } from '@termin/notifications/testing/smtp-sink';
import type { TestRedis } from '@termin/testkit/redis';
import { waitFor } from '@termin/testkit/wait';
import { book, type DemoPlace, type TestBooking } from './support/bookings';
import { useWorkerTestBed } from './support/test-bed';
import { workerEnv } from './support/worker-env';
import { WorkerProcess } from './support/worker-process';

const bed = useWorkerTestBed({ worker: false });
let db: Db;
let redis: TestRedis;
let sink: SmtpSink;
let place: DemoPlace;
const processes: WorkerProcess[] = [];
beforeAll(() => void ({ db, redis, sink, place } = bed));
// Runs before the bed's own clean-up (Vitest runs after-hooks last registered first): no worker outlives its database.
afterAll(async () => {
  for (const p of processes) await p.kill('SIGKILL');
});

function startWorker() {
  const worker = WorkerProcess.start(
    workerEnv({ databaseUrl: bed.database.url, redisUrl: redis.url, redisPrefix: redis.prefix, smtpPort: sink.port, extra: { WORKER_CONCURRENCY: '4' } }),
  );
  processes.push(worker);
  return worker;
}

const sentCount = () => db.notificationLog.count({ where: { status: 'SENT' } });

/** True when none of the queues has a job waiting, running or waiting to be retried. */
async function queuesIdle(names: string[]) {
  for (const name of names) {
    const queue = new Queue(name, { connection: { url: redis.url }, prefix: bullPrefix(redis.prefix) });
    try {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (Object.values(counts).some((n) => n > 0)) return false;
    } finally {
      await queue.close();
    }
  }
  return true;
}

it('sends every booking exactly one e-mail when the worker is killed in the middle of sending', async () => {
  const first = startWorker();
  const startsAt = new Date(Date.now() + 3 * 24 * 3600_000);
  const bookings: TestBooking[] = [];
  const bookSome = async (n: number) => {
    for (let i = 0; i < n; i++) bookings.push(await book(db, place, { startsAt: new Date(startsAt.getTime() + bookings.length * 15 * 60_000) }));
  };
  await bookSome(10);
  await waitFor(`the first ten e-mails sent and recorded (worker output: ${first.errors})`, async () => (await sentCount()) === 10, { timeoutMs: 30_000 });
  // From now on the server is slow to accept: the worker's conversations for the next bookings stall mid-send.
  sink.setRecipientDelay(60_000);
  await bookSome(10);
  // Their sends stall: claimed, and held by the server or, claimed in the same run, waiting for a connection to it.
  await waitFor('the next sends held by the server, nothing more accepted', async () => {
    const held = sink.heldRecipients();
    const claimed = await db.notificationLog.count({ where: { status: 'PENDING' } });
    return held >= 1 && claimed >= held && (await sentCount()) === 10 && sink.messages.length === 10;
  });
  const inFlight = await db.notificationLog.findMany({ where: { status: 'PENDING' } });
  expect(inFlight.length, 'claimed, unfinished messages at the moment of the kill').toBeGreaterThanOrEqual(1);
  expect(inFlight.every((row) => row.attempts === 1)).toBe(true);
  const deliveredBeforeKill = sink.messages.length;

  expect(await first.kill('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
  sink.setRecipientDelay(0);

  const second = startWorker();
  await waitFor('every booking mailed after the restart', async () => (await sentCount()) === 20, { timeoutMs: 60_000 });
  // Once no job is left that could send, a duplicate would be here.
  await waitFor('no e-mail or confirmation job left', () => queuesIdle(['email', 'confirm-appointment']));

  expect(sink.messages.length).toBeGreaterThan(deliveredBeforeKill);
  expect(sink.messages).toHaveLength(20);
  for (const booking of bookings) {
    expect(
      sink.messages.filter((m) => m.text?.includes(booking.bookingCode)),
      booking.bookingCode,
    ).toHaveLength(1);
  }
  // The interrupted sends were claimed once by the killed worker and once by its successor.
  const retried = await db.notificationLog.findMany({ where: { id: { in: inFlight.map((r) => r.id) } } });
  expect(retried.every((row) => row.status === 'SENT' && row.attempts === 2)).toBe(true);
  expect(await db.appointment.count({ where: { status: 'CONFIRMED' } })).toBe(20);

  // SIGTERM is the orderly way out: workers, queues, database and Redis closed, exit code 0.
  expect(await second.kill('SIGTERM')).toEqual({ code: 0, signal: null });
});
