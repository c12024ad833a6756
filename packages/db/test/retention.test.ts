import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@termin/testkit/database';
import { applyRetention, createPrismaClient, listRetentionRuns, type Db } from '../src';

let testDb: TestDatabase;
let db: Db;
const now = new Date('2027-03-01T12:00:00Z');
const day = 24 * 3600 * 1000;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = createPrismaClient({ databaseUrl: testDb.url });
});
afterAll(async () => {
  await db?.$disconnect();
  await testDb?.drop();
});

async function appointment(tenantId: string, locationId: string, serviceId: string, endedDaysAgo: number, code: string) {
  const endsAt = new Date(now.getTime() - endedDaysAgo * day);
  return db.appointment.create({
    data: {
      tenantId,
      locationId,
      serviceId,
      bookingCode: code,
      contactHash: `h-${code}`,
      status: 'DONE',
      startsAt: new Date(endsAt.getTime() - 15 * 60_000),
      endsAt,
      citizenName: 'Erika Mustermann',
      citizenEmail: 'erika@example.org',
      citizenPhone: '+4915112345678',
      idempotencyKey: `k-${code}`,
    },
  });
}

describe('data retention', () => {
  it("erases contact data after the tenant's retention period and keeps the rest for statistics", async () => {
    const tenant = await db.tenant.create({ data: { slug: 'r', name: 'R', dataRetentionDays: 30 } });
    const location = await db.location.create({ data: { tenantId: tenant.id, slug: 'l', name: 'L', address: 'A' } });
    const service = await db.service.create({ data: { tenantId: tenant.id, slug: 's', nameDe: 'S', nameEn: 'S', ticketPrefix: 'S' } });
    const old = await appointment(tenant.id, location.id, service.id, 31, 'AAAA-AAAA-AAAA-AAA1');
    const recent = await appointment(tenant.id, location.id, service.id, 29, 'AAAA-AAAA-AAAA-AAA2');
    await db.contactHistory.createMany({
      data: [
        { tenantId: tenant.id, contactHash: 'stale', appointments: 3, noShows: 1, lastSeenAt: new Date(now.getTime() - 400 * day) },
        { tenantId: tenant.id, contactHash: 'fresh', appointments: 1, noShows: 0, lastSeenAt: new Date(now.getTime() - 10 * day) },
      ],
    });

    expect(await applyRetention(db, now)).toEqual({ anonymisedAppointments: 1, erasedVisitNotes: 0, forgottenContacts: 1 });

    const erased = await db.appointment.findUniqueOrThrow({ where: { id: old.id } });
    expect(erased).toMatchObject({ citizenName: null, citizenEmail: null, citizenPhone: null, idempotencyKey: null, status: 'DONE', serviceId: service.id });
    expect(erased.anonymisedAt).toEqual(now);
    const kept = await db.appointment.findUniqueOrThrow({ where: { id: recent.id } });
    expect(kept.citizenEmail).toBe('erika@example.org');
    expect((await db.contactHistory.findMany()).map((c) => c.contactHash)).toEqual(['fresh']);

    // A second run finds nothing new.
    const later = new Date(now.getTime() + 60_000);
    expect(await applyRetention(db, later)).toEqual({ anonymisedAppointments: 0, erasedVisitNotes: 0, forgottenContacts: 0 });

    // Both runs are on record for the tenant, newest first, with what they erased and nothing else.
    expect(await listRetentionRuns(db, tenant.id)).toEqual([
      { ranAt: later.toISOString(), anonymisedAppointments: 0, forgottenContacts: 0 },
      { ranAt: now.toISOString(), anonymisedAppointments: 1, forgottenContacts: 1 },
    ]);
  });

  it("records each tenant's own counts, not the sum of all municipalities", async () => {
    const runAt = new Date(now.getTime() + 3_600_000);
    const a = await db.tenant.create({ data: { slug: 'ra', name: 'RA', dataRetentionDays: 30 } });
    const b = await db.tenant.create({ data: { slug: 'rb', name: 'RB', dataRetentionDays: 30 } });
    for (const [tenant, count, prefix] of [
      [a, 2, 'BBBB-BBBB-BBBB-BBB'],
      [b, 1, 'CCCC-CCCC-CCCC-CCC'],
    ] as const) {
      const location = await db.location.create({ data: { tenantId: tenant.id, slug: 'l', name: 'L', address: 'A' } });
      const service = await db.service.create({ data: { tenantId: tenant.id, slug: 's', nameDe: 'S', nameEn: 'S', ticketPrefix: 'S' } });
      for (let i = 0; i < count; i++) await appointment(tenant.id, location.id, service.id, 40, `${prefix}${i}`);
    }
    expect(await applyRetention(db, runAt)).toEqual({ anonymisedAppointments: 3, erasedVisitNotes: 0, forgottenContacts: 0 });
    expect((await listRetentionRuns(db, a.id))[0]).toEqual({ ranAt: runAt.toISOString(), anonymisedAppointments: 2, forgottenContacts: 0 });
    expect((await listRetentionRuns(db, b.id))[0]).toEqual({ ranAt: runAt.toISOString(), anonymisedAppointments: 1, forgottenContacts: 0 });
  });

  it("erases the clerks' visit notes after the retention period, walk-ins' too, and keeps the visit", async () => {
    const tenant = await db.tenant.create({ data: { slug: 'n', name: 'N', dataRetentionDays: 30 } });
    const location = await db.location.create({ data: { tenantId: tenant.id, slug: 'l', name: 'L', address: 'A' } });
    const service = await db.service.create({ data: { tenantId: tenant.id, slug: 's', nameDe: 'S', nameEn: 'S', ticketPrefix: 'S' } });
    const booked = await appointment(tenant.id, location.id, service.id, 31, 'NNNN-NNNN-NNNN-NNN1');
    const entry = (daysAgo: number, ticketNumber: string, appointmentId: string | null) =>
      db.queueEntry.create({
        data: {
          tenantId: tenant.id,
          locationId: location.id,
          serviceId: service.id,
          appointmentId,
          kind: appointmentId ? 'APPOINTMENT' : 'WALK_IN',
          status: 'DONE',
          ticketNumber,
          localDate: new Date(new Date(now.getTime() - daysAgo * day).toISOString().slice(0, 10)),
          visitNote: 'Meldebescheinigung fehlte, kommt morgen wieder',
        },
      });
    const oldVisit = await entry(31, 'S001', booked.id);
    const oldWalkIn = await entry(31, 'S002', null);
    const recentWalkIn = await entry(29, 'S001', null);

    const result = await applyRetention(db, now);
    expect(result.erasedVisitNotes).toBe(2);
    for (const id of [oldVisit.id, oldWalkIn.id]) {
      expect(await db.queueEntry.findUniqueOrThrow({ where: { id } })).toMatchObject({ visitNote: null, status: 'DONE', serviceId: service.id });
    }
    expect((await db.queueEntry.findUniqueOrThrow({ where: { id: recentWalkIn.id } })).visitNote).toBe('Meldebescheinigung fehlte, kommt morgen wieder');
    expect((await applyRetention(db, now)).erasedVisitNotes).toBe(0);
  });
});
