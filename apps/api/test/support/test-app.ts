import { Writable } from 'node:stream';
import { loadApiConfig, type ApiConfig } from '@termin/config';
import { createTestDatabase, type TestDatabase } from '@termin/testkit/database';
import { logCapture } from '@termin/testkit/log-capture';
import { createTestRedis, type TestRedis } from '@termin/testkit/redis';
import { buildApp, type App } from '../../src/app';

export interface TestApp {
  app: App;
  config: ApiConfig;
  database: TestDatabase;
  redis: TestRedis;
  /** Every log line the app wrote, as text. */
  logs(): string;
  close(): Promise<void>;
}

/** A real API on this test file's own database and Redis prefix; routes may be added before `ready()`. */
export async function createTestApp(env: Record<string, string> = {}, options: { ready?: boolean; now?: () => Date } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const redis = await createTestRedis();
  const config = loadApiConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    REDIS_PREFIX: redis.prefix,
    CONTACT_HASH_SECRET: 'test-secret-test-secret-test-secret-00',
    RATE_LIMIT_MAX: '10000',
    RATE_LIMIT_BOOKING_MAX: '10000',
    BOOKING_BUDGET_PER_ADDRESS: '100000',
    BOOKING_BUDGET_PER_NETWORK: '100000',
    ...env,
  });
  const lines: string[] = [];
  const kept = logCapture('api');
  const logStream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      // Not waiting for the file: a test reads the lines right after its request.
      kept.write(chunk);
      done();
    },
  });
  const app = await buildApp({ config, logStream, now: options.now });
  if (options.ready !== false) await app.ready();
  return {
    app,
    config,
    database,
    redis,
    logs: () => lines.join(''),
    async close() {
      await app.close();
      await redis.cleanup();
      await database.drop();
    },
  };
}
