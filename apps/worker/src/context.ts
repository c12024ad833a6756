import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { WorkerConfig } from '@termin/config';
import type { Db } from '@termin/db';
import type { JobQueues } from '@termin/jobs';
import type { Mailer, SmsClient } from '@termin/notifications';

/** What every processor and the relay work with; built once per process in worker-app.ts. */
export interface WorkerContext {
  config: WorkerConfig;
  db: Db;
  /** Producers for follow-up jobs; they fail fast while Redis is away, so the job is retried. */
  queues: JobQueues;
  mailer: Mailer;
  /** Null when no Sipgate credentials are configured: SMS are then not sent at all. */
  sms: SmsClient | null;
  /** Connection for PubSub publishing and small caches. */
  redis: Redis;
  log: Logger;
  now: () => Date;
}
