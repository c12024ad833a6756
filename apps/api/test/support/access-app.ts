import { afterAll, beforeAll } from 'vitest';
import { createPrismaClient, type Db } from '@termin/db';
import { seedAccessFixtures, type AccessFixtures } from './fixtures';
import { startTestIdentity, type TestIdentity } from './identity';
import { createTestApp, type TestApp } from './test-app';

export interface AccessApp {
  identity: TestIdentity;
  t: TestApp;
  db: Db;
  fx: AccessFixtures;
}

/**
 * The API signed in through the development OIDC provider, on the access fixtures (two tenants, their
 * offices and demo users), for one test file: started before its tests and handed to `take`, closed
 * after them.
 */
export function useAccessApp(env: Record<string, string>, take: (app: AccessApp) => void, options: { now?: () => Date } = {}): void {
  let started: Partial<AccessApp> = {};
  beforeAll(async () => {
    started.identity = await startTestIdentity();
    started.t = await createTestApp({ OIDC_ISSUER: started.identity.issuer, ...env }, options);
    started.db = createPrismaClient({ databaseUrl: started.t.database.url });
    started.fx = await seedAccessFixtures(started.db);
    take(started as AccessApp);
  });
  afterAll(async () => {
    await started.db?.$disconnect();
    await started.t?.close();
    await started.identity?.close();
    started = {};
  });
}
