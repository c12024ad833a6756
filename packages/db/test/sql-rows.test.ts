import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@termin/testkit/database';
import { createPrismaClient, sqlRows, type Db } from '../src';

let testDb: TestDatabase;
let db: Db;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = createPrismaClient({ databaseUrl: testDb.url });
});

afterAll(async () => {
  await db?.$disconnect();
  await testDb?.drop();
});

const bySlug = { text: 'SELECT slug, "bookingChallenge" FROM "Tenant" WHERE slug = $1', values: ['rows'] };

describe('sqlRows', () => {
  it('reads committed rows through the pool, with the same values named or not', async () => {
    await db.tenant.create({ data: { slug: 'rows', name: 'Stadt Rows', bookingChallenge: true } });
    expect(await sqlRows(db, { name: 'sql-rows-test', ...bySlug })).toEqual([{ slug: 'rows', bookingChallenge: true }]);
    expect(await sqlRows(db, bySlug)).toEqual([{ slug: 'rows', bookingChallenge: true }]);
  });

  it("inside a transaction sees the transaction's own write, which the pool does not see until the commit", async () => {
    let seenInside: unknown;
    let seenOutside: unknown;
    await db.$transaction(async (tx) => {
      await tx.tenant.update({ where: { slug: 'rows' }, data: { bookingChallenge: false } });
      seenInside = await sqlRows(tx, bySlug);
      seenOutside = await sqlRows(db, bySlug);
    });
    expect(seenInside).toEqual([{ slug: 'rows', bookingChallenge: false }]);
    expect(seenOutside).toEqual([{ slug: 'rows', bookingChallenge: true }]);
    expect(await sqlRows(db, bySlug)).toEqual([{ slug: 'rows', bookingChallenge: false }]);
  });
});
