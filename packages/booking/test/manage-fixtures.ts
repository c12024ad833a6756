import { createPrismaClient, type Db } from '@termin/db';
import { createTestDatabase, type TestDatabase } from '@termin/testkit/database';
import { seedMunicipality, type DemoMunicipality } from '../src/testing/booked-appointment';
import type { ManageDeps } from '../src';

export const SECRET = 'booking-test-secret-booking-test-secret';
/** A Monday morning; the appointments below are the next days in Berlin, well inside lead time and horizon. */
export const NOW = new Date('2031-03-03T08:00:00Z');
export const minutes = (n: number) => n * 60_000;

export interface ManageFixtures extends DemoMunicipality {
  database: TestDatabase;
  db: Db;
  deps(now?: Date): ManageDeps;
  close(): Promise<void>;
}

export async function manageFixtures(): Promise<ManageFixtures> {
  const database = await createTestDatabase();
  const db = createPrismaClient({ databaseUrl: database.url, poolMax: 30 });
  const demo = await seedMunicipality(db);
  return {
    ...demo,
    database,
    db,
    deps: (now = NOW) => ({ db, now, contactHashSecret: SECRET }),
    async close() {
      await db.$disconnect();
      await database.drop();
    },
  };
}
