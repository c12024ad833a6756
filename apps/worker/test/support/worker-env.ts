import { loadWorkerConfig, type WorkerConfig } from '@termin/config';

export interface WorkerEnvInput {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  smtpPort: number;
  sipgate?: { url: string; tokenId: string; token: string; smsId: string };
  extra?: Record<string, string>;
}

/** Environment of a worker under test: the test's own database, Redis prefix, SMTP sink and stub. */
export function workerEnv(input: WorkerEnvInput): Record<string, string> {
  return {
    NODE_ENV: 'test',
    // Kept by the tests (logCapture) for the check that no citizen data reaches a log line.
    LOG_LEVEL: 'info',
    DATABASE_URL: input.databaseUrl,
    REDIS_URL: input.redisUrl,
    REDIS_PREFIX: input.redisPrefix,
    WORKER_HEALTH_PORT: '0',
    WORKER_RELAY_INTERVAL_MS: '50',
    JOB_BACKOFF_MS: '100',
    WORKER_LOCK_DURATION_MS: '2000',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(input.smtpPort),
    MAIL_FROM: 'Stadt Demo <termine@demo.example>',
    CITIZEN_BASE_URL: 'https://termine.demo.example',
    ...(input.sipgate
      ? {
          SIPGATE_BASE_URL: input.sipgate.url,
          SIPGATE_TOKEN_ID: input.sipgate.tokenId,
          SIPGATE_TOKEN: input.sipgate.token,
          SIPGATE_SMS_ID: input.sipgate.smsId,
        }
      : {}),
    ...input.extra,
  };
}

export function workerConfig(input: WorkerEnvInput): WorkerConfig {
  return loadWorkerConfig(workerEnv(input));
}

/** A worker for a running API stack (its database and Redis prefix), mailing to `smtpPort`, linking to the portal at `citizenBaseUrl`. */
export function stackWorkerConfig(stack: { databaseUrl: string; redisUrl: string; redisPrefix: string }, smtpPort: number, citizenBaseUrl?: string): WorkerConfig {
  return workerConfig({
    databaseUrl: stack.databaseUrl,
    redisUrl: stack.redisUrl,
    redisPrefix: stack.redisPrefix,
    smtpPort,
    ...(citizenBaseUrl ? { extra: { CITIZEN_BASE_URL: citizenBaseUrl } } : {}),
  });
}
