import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type Db } from '@termin/db';
import { createTestDatabase, type TestDatabase } from '@termin/testkit/database';
import { regenerateSlots } from '../src';

let database: TestDatabase;
let db: Db;
let tenantId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrismaClient({ databaseUrl: database.url, poolMax: 5 });
  tenantId = (await db.tenant.create({ data: { slug: 'slots', name: 'Slots', holidayState: 'BE' } })).id;
});
afterAll(async () => {
  await db.$disconnect();
  await database.drop();
});

/** A Berlin office open 08:00–12:00 on weekdays with `counters` counters. */
async function office(slug: string, counters = 2) {
  const location = await db.location.create({
    data: { tenantId, slug, name: slug, address: 'Platz 1, 10115 Berlin', timezone: 'Europe/Berlin', slotMinutes: 15 },
  });
  await db.openingHours.createMany({ data: [1, 2, 3, 4, 5].map((weekday) => ({ locationId: location.id, weekday, opens: '08:00', closes: '12:00' })) });
  await db.counter.createMany({ data: Array.from({ length: counters }, (_, i) => ({ locationId: location.id, name: String(i + 1) })) });
  return location.id;
}

const longAgo = new Date('2020-01-01T00:00:00Z');
const slotsOf = (locationId: string) => db.timeSlot.findMany({ where: { locationId }, orderBy: { startsAt: 'asc' } });

describe('regenerateSlots', () => {
  it('creates the slots of the opening hours once; a second run changes nothing', async () => {
    const locationId = await office('twice');
    const first = await regenerateSlots({ db, locationId, from: '2027-04-05', to: '2027-04-09', now: longAgo });
    expect(first).toEqual({ created: 5 * 16, updated: 0, removed: 0, orphaned: 0 });
    const before = await slotsOf(locationId);
    expect(before.every((s) => s.capacity === 2)).toBe(true);

    const second = await regenerateSlots({ db, locationId, from: '2027-04-05', to: '2027-04-09', now: longAgo });
    expect(second).toEqual({ created: 0, updated: 0, removed: 0, orphaned: 0 });
    expect(await slotsOf(locationId)).toEqual(before);
  });

  it('keeps a booked slot when the opening hours change, and never drops capacity below its bookings', async () => {
    const locationId = await office('rule-change', 3);
    await regenerateSlots({ db, locationId, from: '2027-04-05', to: '2027-04-05', now: longAgo });
    const booked = await db.timeSlot.update({
      where: { locationId_startsAt: { locationId, startsAt: new Date('2027-04-05T09:00:00Z') } },
      data: { booked: 2 },
    });

    // The office now opens only from 12:00 on Mondays, and loses two counters.
    await db.openingHours.updateMany({ where: { locationId, weekday: 1 }, data: { opens: '12:00', closes: '14:00' } });
    const counters = await db.counter.findMany({ where: { locationId }, orderBy: { name: 'asc' } });
    await db.counter.updateMany({ where: { id: { in: counters.slice(1).map((c) => c.id) } }, data: { active: false } });

    const result = await regenerateSlots({ db, locationId, from: '2027-04-05', to: '2027-04-05', now: longAgo });
    expect(result.orphaned).toBe(1);
    const after = await slotsOf(locationId);
    const kept = after.find((s) => s.id === booked.id);
    expect(kept).toMatchObject({ booked: 2, capacity: 2 });
    // The other morning slots are gone, the new afternoon ones are there with the one remaining counter.
    const morning = after.filter((s) => s.startsAt.getTime() < new Date('2027-04-05T10:00:00Z').getTime());
    expect(morning.map((s) => s.id)).toEqual([booked.id]);
    const afternoon = after.filter((s) => s.startsAt >= new Date('2027-04-05T10:00:00Z'));
    expect(afternoon).toHaveLength(8);
    expect(afternoon.every((s) => s.capacity === 1 && s.booked === 0)).toBe(true);
  });

  it('keeps capacity of a booked slot at its bookings when all counters close', async () => {
    const locationId = await office('counters-gone', 2);
    await regenerateSlots({ db, locationId, from: '2027-04-06', to: '2027-04-06', now: longAgo });
    await db.timeSlot.update({ where: { locationId_startsAt: { locationId, startsAt: new Date('2027-04-06T08:00:00Z') } }, data: { booked: 1 } });
    await db.counter.updateMany({ where: { locationId }, data: { active: false } });
    await regenerateSlots({ db, locationId, from: '2027-04-06', to: '2027-04-06', now: longAgo });
    const after = await slotsOf(locationId);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ booked: 1, capacity: 1 });
  });

  it('starts the day at 08:00 local time on both sides of the daylight-saving switches', async () => {
    const locationId = await office('dst');
    await regenerateSlots({ db, locationId, from: '2027-03-25', to: '2027-11-01', now: longAgo });
    const firstOf = async (date: string) => {
      const slot = await db.timeSlot.findFirst({
        where: { locationId, startsAt: { gte: new Date(`${date}T00:00:00Z`), lt: new Date(`${date}T23:59:59Z`) } },
        orderBy: { startsAt: 'asc' },
      });
      return slot?.startsAt.toISOString();
    };
    // Spring switch on Easter Sunday 2027-03-28: winter time before, summer time after. (Good
    // Friday 03-26 and Easter Monday 03-29 are holidays, hence Thursday and Tuesday.)
    expect(await firstOf('2027-03-25')).toBe('2027-03-25T07:00:00.000Z');
    expect(await firstOf('2027-03-26')).toBeUndefined();
    expect(await firstOf('2027-03-30')).toBe('2027-03-30T06:00:00.000Z');
    // Autumn switch on Sunday 2027-10-31.
    expect(await firstOf('2027-10-29')).toBe('2027-10-29T06:00:00.000Z');
    expect(await firstOf('2027-11-01')).toBe('2027-11-01T07:00:00.000Z');
  });

  it('has no slots on Berlin public holidays (Frauentag, Easter Monday) or on closure days', async () => {
    const locationId = await office('holidays');
    await db.closure.create({ data: { locationId, date: new Date('2027-03-10T00:00:00Z'), reason: 'Betriebsausflug' } });
    await regenerateSlots({ db, locationId, from: '2027-03-08', to: '2027-03-29', now: longAgo });
    const countOn = (date: string) => db.timeSlot.count({ where: { locationId, startsAt: { gte: new Date(`${date}T00:00:00Z`), lt: new Date(`${date}T23:59:59Z`) } } });
    expect(await countOn('2027-03-08')).toBe(0);
    expect(await countOn('2027-03-29')).toBe(0);
    expect(await countOn('2027-03-10')).toBe(0);
    expect(await countOn('2027-03-09')).toBe(16);
  });

  it('leaves slots that already started alone', async () => {
    const locationId = await office('past');
    await regenerateSlots({ db, locationId, from: '2027-04-07', to: '2027-04-07', now: new Date('2027-04-07T08:00:00Z') });
    const slots = await slotsOf(locationId);
    expect(slots[0]!.startsAt.toISOString()).toBe('2027-04-07T08:00:00.000Z');
    expect(slots).toHaveLength(8);
  });
});
