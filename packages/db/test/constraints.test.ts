import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@termin/testkit/database';
import { createPrismaClient, isCheckViolation, isUniqueViolation, sqlState, type Db } from '../src';

let testDb: TestDatabase;
let db: Db;
let locationId: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = createPrismaClient({ databaseUrl: testDb.url });
  const tenant = await db.tenant.create({ data: { slug: 't', name: 'Stadt T' } });
  const location = await db.location.create({
    data: { tenantId: tenant.id, slug: 'mitte', name: 'Bürgeramt Mitte', address: 'Platz 1' },
  });
  locationId = location.id;
});

afterAll(async () => {
  await db?.$disconnect();
  await testDb?.drop();
});

describe('database constraints', () => {
  it('refuses a direct UPDATE that books a slot past its capacity', async () => {
    const slot = await db.timeSlot.create({
      data: { locationId, startsAt: new Date('2030-01-07T08:00:00Z'), endsAt: new Date('2030-01-07T08:15:00Z'), capacity: 2 },
    });
    await db.$executeRaw`UPDATE "TimeSlot" SET booked = 2 WHERE id = ${slot.id}::uuid`;
    const overbook = db.$executeRaw`UPDATE "TimeSlot" SET booked = booked + 1 WHERE id = ${slot.id}::uuid`;
    const error = await overbook.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isCheckViolation(error)).toBe(true);
    expect((await db.timeSlot.findUniqueOrThrow({ where: { id: slot.id } })).booked).toBe(2);
  });

  it('refuses negative bookings and lowering capacity below what is booked', async () => {
    const slot = await db.timeSlot.create({
      data: { locationId, startsAt: new Date('2030-01-07T09:00:00Z'), endsAt: new Date('2030-01-07T09:15:00Z'), capacity: 3, booked: 2 },
    });
    await expect(db.timeSlot.update({ where: { id: slot.id }, data: { capacity: 1 } })).rejects.toSatisfy(isCheckViolation);
    await expect(db.timeSlot.update({ where: { id: slot.id }, data: { booked: -1 } })).rejects.toSatisfy(isCheckViolation);
  });

  it('allows one slot per location and start time', async () => {
    const data = { locationId, startsAt: new Date('2030-01-07T10:00:00Z'), endsAt: new Date('2030-01-07T10:15:00Z'), capacity: 1 };
    await db.timeSlot.create({ data });
    await expect(db.timeSlot.create({ data })).rejects.toSatisfy(isUniqueViolation);
    // The same race through raw SQL (the booking hot path) is recognised too, and not as a CHECK failure.
    const raw = db.$executeRaw`INSERT INTO "TimeSlot" (id, "locationId", "startsAt", "endsAt", capacity) VALUES (gen_random_uuid(), ${locationId}::uuid, ${data.startsAt}, ${data.endsAt}, 1)`;
    const error = await raw.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isUniqueViolation(error)).toBe(true);
    expect(isCheckViolation(error)).toBe(false);
  });

  it('keeps no-show scores within 0..100 and ticket prefixes to one capital letter', async () => {
    const tenant = await db.tenant.findFirstOrThrow();
    await expect(db.service.create({ data: { tenantId: tenant.id, slug: 'x', nameDe: 'X', nameEn: 'X', ticketPrefix: 'a' } })).rejects.toSatisfy(isCheckViolation);
    const service = await db.service.create({ data: { tenantId: tenant.id, slug: 'pa', nameDe: 'Personalausweis', nameEn: 'ID card', ticketPrefix: 'A' } });
    await expect(
      db.appointment.create({
        data: {
          tenantId: tenant.id,
          locationId,
          serviceId: service.id,
          bookingCode: 'ABCD-EFGH-JKMN-PQRS',
          contactHash: 'h',
          startsAt: new Date('2030-01-07T08:00:00Z'),
          endsAt: new Date('2030-01-07T08:15:00Z'),
          noShowScore: 101,
        },
      }),
    ).rejects.toSatisfy(isCheckViolation);
  });

  it('reads the SQLSTATE of raw and query-API errors alike, PL/pgSQL codes included', async () => {
    const raised = await db.$executeRawUnsafe(`DO $$ BEGIN RAISE EXCEPTION 'full' USING ERRCODE = 'TB002'; END $$`).catch((e: unknown) => e);
    expect(sqlState(raised)).toBe('TB002');
    const plpgsql = await db.$executeRawUnsafe(`DO $$ BEGIN RAISE EXCEPTION 'plain'; END $$`).catch((e: unknown) => e);
    expect(sqlState(plpgsql)).toBe('P0001');
    const data = { locationId, startsAt: new Date('2030-01-09T08:00:00Z'), endsAt: new Date('2030-01-09T08:15:00Z'), capacity: 1 };
    await db.timeSlot.create({ data });
    const duplicate = await db.timeSlot.create({ data }).catch((e: unknown) => e);
    expect((duplicate as { code?: string }).code).toBe('P2002');
    expect(sqlState(duplicate)).toBe('23505');
  });
});
