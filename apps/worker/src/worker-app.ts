import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { WorkerConfig } from '@termin/config';
import { createPrismaClient, sqlPool } from '@termin/db';
import { bullPrefix, createJobQueues, publishSlotsSchedule, retentionSchedule, workQueueNames, type WorkQueueName } from '@termin/jobs';
import { createMailer, createSipgateClient, type SmsClient } from '@termin/notifications';
import type { WorkerContext } from './context';
import { withDeadLetter } from './dead-letter';
import { healthReport, startHealthServer } from './health';
import { createWorkerMetrics } from './metrics';
import { processConfirmAppointment } from './processors/confirm-appointment';
import { processEmail } from './processors/email';
import { processReminder } from './processors/reminder';
import { processSms } from './processors/sms';
import { processRetention } from './processors/retention';
import { processPublishSlots } from './processors/publish-slots';
import { createOutboxRelay, type OutboxRelay } from './relay/outbox-relay';

const processors: Record<WorkQueueName, (ctx: WorkerContext, job: import('bullmq').Job) => Promise<unknown>> = {
  'confirm-appointment': processConfirmAppointment,
  email: processEmail,
  sms: processSms,
  reminder: processReminder,
  retention: processRetention,
  'publish-slots': processPublishSlots,
};

// Running jobs get this long to finish on shutdown; after it their locks are dropped and
// another worker takes them over once the lock expires.
const SHUTDOWN_GRACE_MS = 20_000;

export interface CreateWorkerOptions {
  config: WorkerConfig;
  logger?: Logger;
  /** Where the log lines go instead of stdout (tests keep them for the check of what was logged). */
  logStream?: DestinationStream;
  now?: () => Date;
}

export interface WorkerApp {
  start(): Promise<void>;
  close(): Promise<void>;
  /** Port of the health endpoint once started (useful when configured as 0). */
  healthPort(): number | null;
  relay: OutboxRelay;
  context: WorkerContext;
}

export function createWorker({ config, logger, logStream, now = () => new Date() }: CreateWorkerOptions): WorkerApp {
  const log = logger ?? pino({ level: config.LOG_LEVEL, base: { service: 'worker' } }, logStream);
  const prefix = bullPrefix(config.REDIS_PREFIX);
  const queues = createJobQueues({
    redisUrl: config.REDIS_URL,
    redisPrefix: config.REDIS_PREFIX,
    backoffMs: config.JOB_BACKOFF_MS,
    onError: (queue, error) => log.warn({ queue, reason: error.message }, 'queue connection problem'),
  });

  const redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000 });
  redis.on('error', (error) => log.warn({ reason: error.message }, 'redis connection problem'));

  const sms: SmsClient | null =
    config.SIPGATE_TOKEN_ID && config.SIPGATE_TOKEN && config.SIPGATE_SMS_ID
      ? createSipgateClient({ baseUrl: config.SIPGATE_BASE_URL, tokenId: config.SIPGATE_TOKEN_ID, token: config.SIPGATE_TOKEN, smsId: config.SIPGATE_SMS_ID })
      : null;

  const context: WorkerContext = {
    config,
    // Each running delivery holds one connection for its lock and briefly a second one.
    db: createPrismaClient({ databaseUrl: config.DATABASE_URL, poolMax: Math.max(config.DATABASE_POOL_MAX, config.WORKER_CONCURRENCY * 4 + 4) }),
    queues,
    mailer: createMailer({
      host: config.SMTP_HOST,
      port: config.SMTP_PORT,
      secure: config.SMTP_SECURE,
      user: config.SMTP_USER,
      pass: config.SMTP_PASS,
      from: config.MAIL_FROM,
      maxConnections: config.SMTP_MAX_CONNECTIONS,
    }),
    sms,
    redis,
    log,
    now,
  };

  const relay = createOutboxRelay(context);
  const metrics = createWorkerMetrics(context);
  const workers: Worker[] = [];
  let health: Awaited<ReturnType<typeof startHealthServer>> | null = null;

  return {
    relay,
    context,
    healthPort: () => health?.port ?? null,
    async start() {
      if (!sms) log.warn('no Sipgate credentials configured: SMS are not sent');
      await redis.connect().catch((error: Error) => log.warn({ reason: error.message }, 'redis not reachable at start'));
      for (const name of workQueueNames) {
        const worker = new Worker(name, withDeadLetter(context, name, processors[name]), {
          connection: { url: config.REDIS_URL, maxRetriesPerRequest: null },
          prefix,
          concurrency: config.WORKER_CONCURRENCY,
          lockDuration: config.WORKER_LOCK_DURATION_MS,
          stalledInterval: config.WORKER_LOCK_DURATION_MS,
          autorun: true,
        });
        worker.on('error', (error) => log.warn({ queue: name, reason: error.message }, 'worker connection problem'));
        worker.on('failed', (job, error) => {
          metrics.jobFailed(name);
          log.warn({ queue: name, jobId: job?.id, attempt: job?.attemptsMade, reason: error.name }, 'job failed');
        });
        workers.push(worker);
      }
      relay.start();
      // One scheduler entry however many workers start: BullMQ upserts it by id.
      await queues.retention
        .upsertJobScheduler('nightly-retention', retentionSchedule, { name: 'retention', data: {} })
        .catch((error: Error) => log.warn({ reason: error.message }, 'retention schedule not registered (Redis unavailable)'));
      await queues['publish-slots']
        .upsertJobScheduler('daily-slot-publishing', publishSlotsSchedule, { name: 'publish-slots', data: {} })
        .catch((error: Error) => log.warn({ reason: error.message }, 'slot publishing schedule not registered (Redis unavailable)'));
      health = await startHealthServer(config.WORKER_HEALTH_PORT, () => healthReport(redis, Object.values(queues)), {
        registry: metrics.registry,
        token: config.METRICS_TOKEN,
      });
      log.info({ healthPort: health.port, concurrency: config.WORKER_CONCURRENCY }, 'worker started');
    },
    async close() {
      await relay.stop();
      // Finish running jobs; after the grace period, give them up so their locks expire and
      // another worker retries them (delivery is guarded by the NotificationLog claim).
      const graceful = Promise.all(workers.map((w) => w.close()));
      const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), SHUTDOWN_GRACE_MS).unref());
      if ((await Promise.race([graceful, timer])) === 'timeout') {
        log.warn('jobs still running at shutdown; releasing them');
        await Promise.all(workers.map((w) => w.close(true)));
      }
      // Every resource is closed even if another fails (a producer connection that never connected
      // cannot QUIT, for one); the first failure is reported after all are done.
      const results = await Promise.allSettled([
        ...Object.values(queues).map((q) => q.close()),
        health?.close(),
        Promise.resolve(context.mailer.close()),
        redis.quit().catch(() => redis.disconnect()),
      ]);
      await context.db.$disconnect();
      // Prisma ends the pool only if it ever connected; the hot paths use the pool directly.
      const pool = sqlPool(context.db);
      if (!pool.ending) await pool.end();
      for (const result of results) {
        if (result.status === 'rejected') log.warn({ reason: (result.reason as Error)?.message }, 'a connection did not close cleanly');
      }
      log.info('worker stopped');
    },
  };
}
