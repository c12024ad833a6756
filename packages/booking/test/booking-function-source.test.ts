import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, TX_OPTIONS, type Db, type DbOrTx } from '@termin/db';
import { createTestDatabase, type TestDatabase } from '@termin/testkit/database';

const source = new URL('../sql/termin_book_appointments.sql', import.meta.url);

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrismaClient({ databaseUrl: database.url });
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

/** The function's definition as PostgreSQL keeps it, without the schema it lives in. */
async function definition(tx: DbOrTx, schema: string): Promise<string> {
  const [row] = await tx.$queryRawUnsafe<{ def: string }[]>(
    `SELECT pg_get_functiondef(p.oid) AS def FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE p.proname = 'termin_book_appointments' AND n.nspname = $1`,
    schema,
  );
  if (!row) throw new Error(`termin_book_appointments is not installed in ${schema}`);
  return row.def.replace(`FUNCTION ${schema}.termin_book_appointments`, 'FUNCTION termin_book_appointments');
}

describe('sql/termin_book_appointments.sql', () => {
  it('is the function the migrations install', async () => {
    const installed = await definition(db, 'public');
    // The file applied on its own, in an empty schema: what PostgreSQL makes of it, compared like for like.
    const fromFile = await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('CREATE SCHEMA source_file');
      await tx.$executeRawUnsafe('SET LOCAL search_path = source_file');
      await tx.$executeRawUnsafe(await readFile(source, 'utf8'));
      const def = await definition(tx, 'source_file');
      await tx.$executeRawUnsafe('DROP SCHEMA source_file CASCADE');
      return def;
    }, TX_OPTIONS);
    expect(fromFile).toContain("'PENDING'");
    expect(fromFile).toBe(installed);
  });
});
