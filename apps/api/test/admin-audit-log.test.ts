import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type Db } from '@termin/db';
import { seedAccessFixtures, type AccessFixtures } from './support/fixtures';
import { startTestIdentity, type TestIdentity } from './support/identity';
import { createTestApp, type TestApp } from './support/test-app';

let identity: TestIdentity;
let t: TestApp;
let db: Db;
let fx: AccessFixtures;

beforeAll(async () => {
  identity = await startTestIdentity();
  t = await createTestApp({ OIDC_ISSUER: identity.issuer });
  db = createPrismaClient({ databaseUrl: t.database.url });
  fx = await seedAccessFixtures(db);
  const entry = (actorName: string, action: string, createdAt: string, tenantId = fx.demoTenantId) => ({
    tenantId,
    actorSub: `sub-${actorName}`,
    actorName,
    actorRole: 'admin',
    action,
    entityType: 'location',
    createdAt: new Date(createdAt),
  });
  const other = await db.location.findUniqueOrThrow({ where: { id: fx.otherTenantLocationId } });
  await db.auditLog.createMany({
    data: [
      // Berlin's clocks went forward on 2026-03-29: 23:30 UTC on the 28th is already 00:30 on the 29th there.
      entry('anna', 'location.update', '2026-03-28T22:59:00Z'),
      entry('anna', 'location.update', '2026-03-28T23:30:00Z'),
      entry('bernd', 'closure.create', '2026-03-29T21:59:00Z'),
      entry('bernd', 'location.update', '2026-03-29T22:00:00Z'),
      entry('anna', 'holiday.create', '2026-03-30T10:00:00Z'),
      entry('fremd', 'location.update', '2026-03-29T10:00:00Z', other.tenantId),
    ],
  });
});
afterAll(async () => {
  await db?.$disconnect();
  await t?.close();
  await identity?.close();
});

async function list(query: string, lang = 'de') {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/admin/audit-log?${query}`,
    headers: { authorization: `Bearer ${await identity.tokenFor('admin')}`, 'accept-language': lang },
  });
  return { status: res.statusCode, body: res.json() };
}

describe('audit log filters', () => {
  it("filters by the municipality's local days, also across the change to summer time", async () => {
    const { body } = await list('from=2026-03-29&to=2026-03-29');
    expect(body.entries.map((e: { at: string }) => e.at)).toEqual(['2026-03-29T21:59:00.000Z', '2026-03-28T23:30:00.000Z']);
  });

  it('filters by user and action, and offers every user and action of the municipality only', async () => {
    const { body } = await list('actor=anna&action=location.update');
    expect(body.entries.map((e: { actor: string; action: string }) => [e.actor, e.action])).toEqual([
      ['anna', 'location.update'],
      ['anna', 'location.update'],
    ]);
    expect(body.actors).toEqual(['anna', 'bernd']);
    expect(body.actions).toEqual(['closure.create', 'holiday.create', 'location.update']);
  });

  it('pages newest first and says whether an older page exists', async () => {
    const first = await list('limit=2');
    expect(first.body).toMatchObject({ page: 1, hasMore: true });
    expect(first.body.entries.map((e: { at: string }) => e.at)).toEqual(['2026-03-30T10:00:00.000Z', '2026-03-29T22:00:00.000Z']);
    const last = await list('limit=2&page=3');
    expect(last.body).toMatchObject({ page: 3, hasMore: false });
    expect(last.body.entries.map((e: { at: string }) => e.at)).toEqual(['2026-03-28T22:59:00.000Z']);
  });

  it('refuses a range that ends before it starts, in the reader’s language', async () => {
    const de = await list('from=2026-03-30&to=2026-03-29');
    expect(de.status).toBe(400);
    expect(de.body.error.fields).toEqual([expect.objectContaining({ field: 'to', message: 'Das Ende muss nach dem Anfang liegen' })]);
    const en = await list('from=2026-03-30&to=2026-03-29', 'en');
    expect(en.body.error.fields[0].message).toBe('The end must be after the start');
  });
});
