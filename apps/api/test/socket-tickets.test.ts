import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type Db } from '@termin/db';
import { seedDemo } from '@termin/db/seed';
import { createTestApp, type TestApp } from './support/test-app';
import { startTestIdentity, type TestIdentity } from './support/identity';

let identity: TestIdentity;
let t: TestApp;
let db: Db;

beforeAll(async () => {
  identity = await startTestIdentity();
  t = await createTestApp({ OIDC_ISSUER: identity.issuer });
  db = createPrismaClient({ databaseUrl: t.database.url });
  await seedDemo(db);
});
afterAll(async () => {
  await db?.$disconnect();
  await t?.close();
  await identity?.close();
});

async function issue(user: 'staff' | 'display') {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/socket-tickets', headers: { authorization: `Bearer ${await identity.tokenFor(user)}` } });
  expect(res.statusCode).toBe(201);
  return res.json() as { ticket: string; expiresInSeconds: number };
}

describe('socket tickets', () => {
  it('stand for the signed-in user, scoped, and work exactly once', async () => {
    const { ticket, expiresInSeconds } = await issue('staff');
    expect(expiresInSeconds).toBe(30);
    const user = await t.app.services.socketTickets.redeem(ticket);
    expect(user).toMatchObject({ username: 'staff', roles: ['staff'], tenantSlug: 'demo' });
    expect(user!.locationIds).toHaveLength(2);
    expect(await t.app.services.socketTickets.redeem(ticket)).toBeNull();
  });

  it('expire after 30 seconds', async () => {
    const { ticket } = await issue('display');
    const ttl = await t.app.redis.ttl(t.app.redisKey(`socket-ticket:${ticket}`));
    expect(ttl).toBeGreaterThan(25);
    expect(ttl).toBeLessThanOrEqual(30);
  });

  it('reject anything that was not issued', async () => {
    expect(await t.app.services.socketTickets.redeem('x'.repeat(32))).toBeNull();
    expect(await t.app.services.socketTickets.redeem('../../etc')).toBeNull();
  });
});
