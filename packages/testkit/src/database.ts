import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Server to create test databases on: TEST_DATABASE_ADMIN_URL, else the local default. */
export function adminDatabaseUrl(): string {
  return process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminDatabaseUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  url: string;
  name: string;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
}

/**
 * A fresh, fully migrated database of this test file's own, cloned from the template the global
 * setup migrated once per run (a clone takes milliseconds; migrating each time would take seconds).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env.TERMIN_TEST_DB_TEMPLATE;
  if (!template) throw new Error('TERMIN_TEST_DB_TEMPLATE is unset: run tests through the root vitest config (its global setup builds the template).');
  // The creation time in the name lets a later run drop what a killed run left behind.
  const name = `termin_test_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
  await withAdmin(async (admin) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        // Two clones of one template at the same instant: PostgreSQL refuses the second; try again.
        if (attempt < 20 && /being accessed by other users/.test(String(error))) {
          await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
          continue;
        }
        throw error;
      }
    }
  });
  const url = withDatabase(adminDatabaseUrl(), name);
  return {
    url,
    name,
    async drop() {
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** Drops databases earlier, killed runs left behind (names carry no owner, so only when asked). */
