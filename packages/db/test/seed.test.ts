import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@termin/testkit/database';
import { createPrismaClient, type Db } from '../src';
import { seedDemo } from '../src/seed';

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

async function counts() {
  return {
    tenants: await db.tenant.count(),
    locations: await db.location.count(),
    services: await db.service.count(),
    offers: await db.locationService.count(),
    counters: await db.counter.count(),
    hours: await db.openingHours.count(),
    closures: await db.closure.count(),
  };
}

describe('demo seed', () => {
  it('creates a Berlin tenant with two locations, services, counters, hours and closures', async () => {
    await seedDemo(db, new Date('2026-11-24T10:00:00Z'));
    const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: 'demo' }, include: { locations: true } });
    expect(tenant.holidayState).toBe('BE');
    expect(tenant.locations.map((l) => l.timezone)).toEqual(['Europe/Berlin', 'Europe/Berlin']);
    const c = await counts();
    expect(c.services).toBeGreaterThanOrEqual(4);
    expect(c.counters).toBe(6);
    expect(c.closures).toBe(8);
    const pa = await db.service.findFirstOrThrow({ where: { slug: 'personalausweis' } });
    expect(pa.nameDe).toBe('Personalausweis beantragen');
    expect(pa.ticketPrefix).toBe('A');
  });

  it('gives the demo tenant legal texts in German and English, and keeps texts an admin wrote on the next run', async () => {
    const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: 'demo' } });
    expect(tenant.imprintDe).toContain('Karl-Marx-Allee 31');
    expect(tenant.privacyEn).toContain('GDPR');
    expect(tenant.accessibilityDe).toContain('BITV 2.0');
    expect(tenant.accessibilityContactEmail).toBe('barrierefreiheit@demo.termin.invalid');
    await db.tenant.update({ where: { id: tenant.id }, data: { imprintDe: 'Eigenes Impressum' } });
    await seedDemo(db, new Date('2026-11-24T10:00:00Z'));
    expect((await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).imprintDe).toBe('Eigenes Impressum');
  });

  it('is idempotent: a second run changes nothing', async () => {
    const before = await counts();
    await seedDemo(db, new Date('2026-11-24T10:00:00Z'));
    expect(await counts()).toEqual(before);
  });
});
