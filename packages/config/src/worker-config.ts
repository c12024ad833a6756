import { z } from 'zod';
import { bool, jobBackoffMs, logLevel, metricsToken, nodeEnv, parseEnv, port, postgresUrl, redisUrl, url, type Env } from './env';

const workerSchema = z.object({
  NODE_ENV: nodeEnv(),
  LOG_LEVEL: logLevel(),
  /** 0 lets the system pick a free port (tests run several workers side by side). */
  WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(4100),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
  /** How often the outbox relay looks for unpublished events when the last look found none. */
  WORKER_RELAY_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  JOB_BACKOFF_MS: jobBackoffMs(),
  /** A job whose worker stops renewing its lock this long (crash, kill) is handed to another worker. */
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  DATABASE_POOL_MAX: z.coerce.number().int().min(2).max(200).default(20),
  DATABASE_URL: postgresUrl(),
  REDIS_URL: redisUrl(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-z0-9:_-]+$/i, 'letters, digits, ":", "_" and "-" only')
    .default('termin'),
  CITIZEN_BASE_URL: url().default('http://localhost:3000'),
  SMTP_HOST: z.string().default('127.0.0.1'),
  SMTP_PORT: port(1025),
  SMTP_SECURE: bool(false),
  /**
   * Kept connections to the mail server per worker process. A confirmation run sends its e-mails
   * at once, so more than WORKER_CONCURRENCY pays; keep it within what the relay allows one client.
   */
  SMTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100).default(10),
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
  MAIL_FROM: z.string().default('aitema|Termin <termin@localhost>'),
  SIPGATE_BASE_URL: url().default('https://api.sipgate.com/v2'),
  SIPGATE_TOKEN_ID: z.string().optional(),
  SIPGATE_TOKEN: z.string().optional(),
  SIPGATE_SMS_ID: z.string().optional(),
  /** Bearer token for `/metrics` on the health port; unset, the port serves only `/health`. */
  METRICS_TOKEN: metricsToken(),
});

export type WorkerConfig = z.infer<typeof workerSchema>;

export function loadWorkerConfig(env: Env = process.env): WorkerConfig {
  return parseEnv(workerSchema, env);
}
