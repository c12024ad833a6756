import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type Db } from '@termin/db';
import { createTestApp, type TestApp } from './support/test-app';
import { startTestIdentity, type TestIdentity } from './support/identity';
import { seedAccessFixtures, type AccessFixtures } from './support/fixtures';

let identity: TestIdentity;
let t: TestApp;
let db: Db;
let fx: AccessFixtures;

beforeAll(async () => {
  identity = await startTestIdentity();
  t = await createTestApp({ OIDC_ISSUER: identity.issuer });
  db = createPrismaClient({ databaseUrl: t.database.url });
  fx = await seedAccessFixtures(db);
});
afterAll(async () => {
  await db?.$disconnect();
  await t?.close();
  await identity?.close();
});

async function counters(user: 'staff' | 'display' | 'staff-kfz', locationId: string) {
  return t.app.inject({
    method: 'GET',
    url: `/api/v1/locations/${locationId}/counters`,
    headers: { authorization: `Bearer ${await identity.tokenFor(user)}` },
  });
}

describe('GET /api/v1/locations/:locationId/counters', () => {
  it('lists the active counters of the office in the order people count', async () => {
    await db.counter.create({ data: { locationId: fx.mitteId, name: '10' } });
    await db.counter.update({ where: { locationId_name: { locationId: fx.mitteId, name: '2' } }, data: { active: false } });
    const res = await counters('display', fx.mitteId);
    expect(res.statusCode).toBe(200);
    expect((res.json() as { counters: { name: string }[] }).counters.map((c) => c.name)).toEqual(['1', '3', '4', '10']);
  });

  it("answers 404 for an office the user does not work at, so its counters' existence stays hidden", async () => {
    expect((await counters('staff-kfz', fx.mitteId)).statusCode).toBe(404);
    expect((await counters('staff', fx.otherTenantLocationId)).statusCode).toBe(404);
  });
});
