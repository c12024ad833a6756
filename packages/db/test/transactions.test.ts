import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@termin/testkit/database';
import { createPrismaClient, sqlRows, type Db } from '../src';

// A transaction holds one connection. Prisma's query interpreter reads an include's relations at
// once; pg 8.19+ warns when a second query is sent on a busy connection and pg 9 will refuse it,
// which would break every staff action that reads relations inside a transaction. The project's
// patch of @prisma/adapter-pg sends a transaction's queries one after the other.

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

describe('interactive transactions', () => {
  it('send the relation reads of an include one after the other on their connection', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      const tenant = await db.tenant.create({ data: { slug: 'tx', name: 'Stadt TX' } });
      const location = await db.location.create({
        data: {
          tenantId: tenant.id,
          slug: 'mitte',
          name: 'Bürgeramt Mitte',
          address: 'Platz 1',
          counters: { create: [{ name: 'Schalter 1' }, { name: 'Schalter 2' }] },
          openingHours: { create: [{ weekday: 1, opens: '08:00', closes: '12:00' }] },
        },
      });
      const read = await db.$transaction(async (tx) =>
        tx.location.findUniqueOrThrow({ where: { id: location.id }, include: { counters: true, openingHours: true, closures: true, services: true } }),
      );
      expect(read.counters).toHaveLength(2);
      expect(read.openingHours).toHaveLength(1);
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((m) => m.includes('already executing a query'))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});

describe('sqlRows', () => {
  const bySlug = { text: 'SELECT slug, "bookingChallenge" FROM "Tenant" WHERE slug = $1', values: ['rows'] };

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
