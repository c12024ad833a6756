import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as timeOrderedUuid } from 'uuid';
import { TX_OPTIONS } from '@termin/db';
import { availableSlots } from '../src';
import { createSlots } from '../src/testing/booked-appointment';
import { manageFixtures, NOW, type ManageFixtures } from './manage-fixtures';

// A release rush starts from statistics taken while a service had few appointments. Counting a
// service's places on a slot must still read only that slot's bookings: a plan that scans every
// appointment once per slot made each availability read and booking batch take ~100 times longer.

let fx: ManageFixtures;
beforeAll(async () => {
  fx = await manageFixtures();
});
afterAll(async () => fx?.close());

describe("a service's places on a slot", () => {
  it('are counted from the slot’s own bookings even when the statistics predate the appointments', async () => {
    const serviceId = fx.services.personalausweis!;
    await fx.db.$executeRawUnsafe('ANALYZE');
    // After the statistics: 3,000 appointments of the service on one slot, as a rush leaves them.
    const [crowded] = await createSlots(fx.db, { locationId: fx.mitteId, startsAt: new Date('2031-03-05T08:00:00Z'), capacity: 5000 });
    await fx.db.$executeRaw`
      WITH made AS (
        INSERT INTO "Appointment" (id, "tenantId", "locationId", "serviceId", "startsAt", "endsAt", "bookingCode", "qrCode", "contactHash", "updatedAt")
        SELECT gen_random_uuid(), ${fx.tenantId}::uuid, ${fx.mitteId}::uuid, ${serviceId}::uuid, ${crowded!.startsAt}, ${crowded!.endsAt},
               'PLAN-' || n, gen_random_uuid(), md5(n::text), now()
          FROM generate_series(1, 3000) AS n
        RETURNING id)
      INSERT INTO "AppointmentSlot" ("appointmentId", "slotId") SELECT id, ${crowded!.id}::uuid FROM made`;
    const day = await createSlots(fx.db, { locationId: fx.mitteId, startsAt: new Date('2031-03-06T08:00:00Z'), count: 20, capacity: 3 });
    const id = timeOrderedUuid();

    const { read, booked, seqScans } = await fx.db.$transaction(async (tx) => {
      const read = await availableSlots({ db: tx, now: NOW }, { tenant: 'demo', locationId: fx.mitteId, serviceId, date: '2031-03-06' });
      const [booked] = await tx.$queryRaw<{ outcome: string }[]>`
        SELECT outcome FROM termin_book_appointments(${JSON.stringify([
          {
            idx: 0,
            id,
            tenant: fx.tenantId,
            location: fx.mitteId,
            service: serviceId,
            starts_at: day[0]!.startsAt,
            ends_at: day[0]!.endsAt,
            slot_starts: [day[0]!.startsAt],
            booking_code: `PLAN-${randomUUID().slice(0, 14)}`,
            qr_code: randomUUID(),
            score: 0,
            name: 'Erika Mustermann',
            email: 'erika@example.org',
            phone: null,
            sms_opt_in: false,
            language: 'de',
            channel: 'online',
            contact_hash: randomUUID(),
            idempotency_key: null,
            now: NOW,
            day_start: new Date('2031-03-05T23:00:00Z'),
            day_end: new Date('2031-03-06T23:00:00Z'),
            max_per_day: 2,
            outbox_id: timeOrderedUuid(),
            outbox_payload: { appointmentId: id, sequence: 0 },
          },
        ])}::jsonb)`;
      // This transaction's own table scans, counted by PostgreSQL.
      const [scans] = await tx.$queryRaw<{ n: bigint }[]>`SELECT seq_scan AS n FROM pg_stat_xact_user_tables WHERE relname = 'Appointment'`;
      return { read, booked, seqScans: Number(scans!.n) };
    }, TX_OPTIONS);

    expect(read.slots).toHaveLength(20);
    expect(booked?.outcome).toBe('booked');
    expect(seqScans).toBe(0);
  });
});
