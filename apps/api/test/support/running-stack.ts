import { Writable } from 'node:stream';
import { loadApiConfig } from '@termin/config';
import { createPrismaClient, type Db } from '@termin/db';
import { seedDemo } from '@termin/db/seed';
import { startDevIdp, type DevIdp } from '@termin/dev-idp';
import { createTestDatabase } from '@termin/testkit/database';
import { createTestRedis } from '@termin/testkit/redis';
import { buildApp, type App } from '../../src/app';

export interface RunningStack {
  /** The API listening on a free loopback port. */
  apiUrl: string;
  app: App;
  idp: DevIdp;
  db: Db;
  close(): Promise<void>;
}

/**
 * What the web apps' browser tests talk to: the development OIDC provider (accepting the given app
 * origins as redirect targets) and a real API on its own database (demo data) and Redis prefix.
 */
export async function startRunningStack(options: { appOrigins: string[] }): Promise<RunningStack> {
  const idp = await startDevIdp({ port: 0, env: { NODE_ENV: 'test' }, extraAppOrigins: options.appOrigins });
  const database = await createTestDatabase();
  const redis = await createTestRedis();
  const db = createPrismaClient({ databaseUrl: database.url });
  await seedDemo(db);
  const config = loadApiConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    REDIS_PREFIX: redis.prefix,
    CONTACT_HASH_SECRET: 'stack-secret-stack-secret-stack-secret',
    OIDC_ISSUER: idp.issuer,
    CORS_ORIGINS: options.appOrigins.join(','),
  });
  const app = await buildApp({ config, logStream: new Writable({ write: (_c, _e, done) => done() }) });
  const apiUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    apiUrl,
    app,
    idp,
    db,
    async close() {
      await app.close();
      await db.$disconnect();
      await idp.close();
      await redis.cleanup();
      await database.drop();
    },
  };
}
