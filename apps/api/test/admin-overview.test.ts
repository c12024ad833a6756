import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regenerateSlots } from '@termin/booking';
import { bookDirectly } from '@termin/booking/testing/booked-appointment';
import { createPrismaClient, type Db } from '@termin/db';
import { addDaysToLocalDate, startOfLocalDayUtc, zonedToUtc } from '@termin/domain';
import type { AdminOverview } from '@termin/contracts';
import { createTestApp, type TestApp } from './support/test-app';
import { startTestIdentity, type TestIdentity } from './support/identity';
import { seedAccessFixtures, type AccessFixtures } from './support/fixtures';

// A known day: Wednesday 7 April 2027, 07:00 in Berlin (summer time, UTC+2), before the offices open.
const now = new Date('2027-04-07T05:00:00Z');
const today = '2027-04-07';

let identity: TestIdentity;
let t: TestApp;
let db: Db;
let fx: AccessFixtures;

beforeAll(async () => {
  identity = await startTestIdentity();
  t = await createTestApp({ OIDC_ISSUER: identity.issuer }, { now: () => now });
  db = createPrismaClient({ databaseUrl: t.database.url });
  fx = await seedAccessFixtures(db);
  const tenant = await db.tenant.update({ where: { id: fx.demoTenantId }, data: { bookingHorizonDays: 30, minLeadMinutes: 60 } });
  // Mitte: the whole horizon published, then one Thursday's slots lost (as if a publish run failed).
  await regenerateSlots({ db, locationId: fx.mitteId, from: today, to: addDaysToLocalDate(today, tenant.bookingHorizonDays), now });
  await db.timeSlot.deleteMany({
    where: { locationId: fx.mitteId, startsAt: { gte: startOfLocalDayUtc('2027-04-15', 'Europe/Berlin'), lt: startOfLocalDayUtc('2027-04-16', 'Europe/Berlin') } },
  });
  // Kfz: published only for the next ten days.
  await regenerateSlots({ db, locationId: fx.kfzId, from: today, to: addDaysToLocalDate(today, 10), now });

  // Today at Mitte: the 08:00 slot full (4 counters, 4 bookings), one at 10:00, and a cancelled one that does not count.
  const slot = (time: string) =>
    db.timeSlot.findUniqueOrThrow({ where: { locationId_startsAt: { locationId: fx.mitteId, startsAt: zonedToUtc(today, time, 'Europe/Berlin') } } });
  const eight = await slot('08:00');
  const ten = await slot('10:00');
  const book = (s: typeof eight, n: number, status?: 'CANCELLED') =>
    bookDirectly(db, {
      tenantId: fx.demoTenantId,
      locationId: fx.mitteId,
      serviceId: fx.services.personalausweis!,
      slots: [s],
      email: `buerger${n}@example.org`,
      contactHashSecret: 'overview-secret',
      ...(status ? { status } : {}),
    });
  for (let n = 0; n < 4; n++) await book(eight, n);
  await book(ten, 4);
  await book(ten, 5, 'CANCELLED');
});
afterAll(async () => {
  await db?.$disconnect();
  await t?.close();
  await identity?.close();
});

async function overview(): Promise<AdminOverview> {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/overview', headers: { authorization: `Bearer ${await identity.tokenFor('admin')}` } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('admin home figures', () => {
  it("counts today's appointments against today's places and finds the next free slot in the office's time", async () => {
    const body = await overview();
    expect(body.bookingHorizonDays).toBe(30);
    const mitte = body.locations.find((l) => l.id === fx.mitteId)!;
    expect(mitte).toMatchObject({ today, horizonEnd: '2027-05-07', timezone: 'Europe/Berlin', appointmentsToday: 5 });
    // Wednesday 08:00–12:00 in 15-minute slots with 4 counters: 16 × 4 places.
    expect(mitte.capacityToday).toBe(64);
    // 08:00 is full; 08:15 local is 06:15 UTC.
    expect(mitte.nextFree).toEqual({ startsAt: '2027-04-07T06:15:00.000Z', localDate: today, localTime: '08:15' });
  });

  it('warns where the horizon is not filled: a lost day at Mitte, the unpublished weeks at the Kfz office', async () => {
    const body = await overview();
    const mitte = body.locations.find((l) => l.id === fx.mitteId)!;
    expect(mitte.daysWithoutSlots).toEqual(['2027-04-15']);
    expect(mitte.horizonGap).toBe(true);
    expect(mitte.lastPublishedDay).toBe('2027-05-07');

    const kfz = body.locations.find((l) => l.id === fx.kfzId)!;
    expect(kfz.lastPublishedDay).toBe('2027-04-16');
    expect(kfz.horizonGap).toBe(true);
    // Every weekday from 19 April to 7 May has opening hours but no slot; weekends and Ascension Day (6 May) are no gaps.
    expect(kfz.daysWithoutSlots[0]).toBe('2027-04-19');
    expect(kfz.daysWithoutSlots.at(-1)).toBe('2027-05-07');
    expect(kfz.daysWithoutSlots).not.toContain('2027-04-24');
    expect(kfz.daysWithoutSlots).not.toContain('2027-05-06');
    expect(kfz.daysWithoutSlots).toHaveLength(14);
  });

  it('shows no warning once the horizon is published again', async () => {
    await regenerateSlots({ db, locationId: fx.mitteId, from: today, to: '2027-05-07', now });
    const mitte = (await overview()).locations.find((l) => l.id === fx.mitteId)!;
    expect(mitte.daysWithoutSlots).toEqual([]);
    expect(mitte.horizonGap).toBe(false);
  });

  it("gives the other municipality's admin only their own offices", async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/overview', headers: { authorization: `Bearer ${await identity.tokenFor('admin-other')}` } });
    expect(res.json().locations.map((l: { id: string }) => l.id)).toEqual([fx.otherTenantLocationId]);
  });
});
