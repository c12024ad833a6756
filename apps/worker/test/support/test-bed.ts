/**
 * What a worker test file stands on: its own database (with the demo municipality), its own Redis
 * prefix, an SMTP server on loopback and, unless told otherwise, a worker running in this process.
 * Registers its own beforeAll/afterAll, like the API's useWebAppUnderTest.
 */
import { afterAll, beforeAll } from 'vitest';
import { createPrismaClient, type Db } from '@termin/db';
import { startSipgateStub, type SipgateStub } from '@termin/notifications/testing/sipgate-stub';
import { startSmtpSink, type SmtpSink } from '@termin/notifications/testing/smtp-sink';
import { createTestDatabase, type TestDatabase } from '@termin/testkit/database';
import { createTestRedis, type TestRedis } from '@termin/testkit/redis';
import { createWorker, type WorkerApp } from '../../src/worker-app';
import { seedPlace, type DemoPlace } from './bookings';
import { workerConfig } from './worker-env';
import { logCapture } from '@termin/testkit/log-capture';

export const sipgateCredentials = { tokenId: 'token-ABC123', token: 'secret-token', smsId: 's0' };

export interface WorkerTestBedOptions {
  /** An SMTP server on loopback for the worker's e-mail (default true; without it mail goes nowhere). */
  smtp?: boolean;
  /** The local stand-in for Sipgate's SMS API. */
  sipgate?: boolean;
  /** Start a worker in this process after `prepare` (default true). */
  worker?: boolean;
  /** Further worker settings (environment variables). */
  extra?: Record<string, string>;
  /** The worker's clock. */
  now?: () => Date;
  /** Runs after the demo place is seeded and before the worker starts. */
  prepare?: (bed: WorkerTestBed) => Promise<void>;
}

export interface WorkerTestBed {
  readonly database: TestDatabase;
  readonly redis: TestRedis;
  readonly db: Db;
  readonly place: DemoPlace;
  readonly sink: SmtpSink;
  readonly sipgate: SipgateStub;
  readonly worker: WorkerApp;
  /** Starts (another) worker on this bed, closed with it. */
  startWorker(extra?: Record<string, string>): Promise<WorkerApp>;
}

export function useWorkerTestBed(options: WorkerTestBedOptions = {}): WorkerTestBed {
  let database: TestDatabase | undefined;
  let redis: TestRedis | undefined;
  let db: Db | undefined;
  let place: DemoPlace | undefined;
  let sink: SmtpSink | undefined;
  let sipgate: SipgateStub | undefined;
  const workers: WorkerApp[] = [];
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the worker test bed has no ${what} (not set up, or not asked for)`);
    return value;
  };

  async function startWorker(extra: Record<string, string> = {}) {
    const worker = createWorker({
      logStream: logCapture('worker'),
      config: workerConfig({
        databaseUrl: need(database, 'database').url,
        redisUrl: need(redis, 'Redis').url,
        redisPrefix: need(redis, 'Redis').prefix,
        // Port 1 refuses at once: a test without an SMTP server sees a delivery failure, not a hang.
        smtpPort: sink?.port ?? 1,
        ...(sipgate ? { sipgate: { url: sipgate.url, ...sipgateCredentials } } : {}),
        extra: { ...options.extra, ...extra },
      }),
      ...(options.now ? { now: options.now } : {}),
    });
    workers.push(worker);
    await worker.start();
    return worker;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await createTestRedis();
    db = createPrismaClient({ databaseUrl: database.url });
    place = await seedPlace(db);
    if (options.smtp !== false) sink = await startSmtpSink();
    if (options.sipgate) sipgate = await startSipgateStub({ tokenId: sipgateCredentials.tokenId, token: sipgateCredentials.token });
    await options.prepare?.(bed);
    if (options.worker !== false) await startWorker();
  });

  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await sink?.close();
    await sipgate?.close();
    await db?.$disconnect();
    await redis?.cleanup();
    await database?.drop();
  });

  const bed: WorkerTestBed = {
    get database() {
      return need(database, 'database');
    },
    get redis() {
      return need(redis, 'Redis');
    },
    get db() {
      return need(db, 'database client');
    },
    get place() {
      return need(place, 'demo place');
    },
    get sink() {
      return need(sink, 'SMTP server');
    },
    get sipgate() {
      return need(sipgate, 'Sipgate stand-in');
    },
    get worker() {
      return need(workers[0], 'worker');
    },
    startWorker,
  };
  return bed;
}
