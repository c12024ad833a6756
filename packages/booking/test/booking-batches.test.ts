import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as timeOrderedUuid } from 'uuid';
import { ConflictError } from '@termin/domain';
import { bookAppointment, createBookingBatches, type BookingInput, type BookingWrite } from '../src';
import { createSlots, slotBookkeeping } from '../src/testing/booked-appointment';
import { manageFixtures, NOW, SECRET, type ManageFixtures } from './manage-fixtures';

// Bookings that arrive together share one transaction (booking-batches.ts); each must still get
// its own answer, exactly as if it had been alone.

let fx: ManageFixtures;
beforeAll(async () => {
  fx = await manageFixtures();
});
afterAll(async () => fx?.close());

const deps = () => ({ db: fx.db, now: NOW, contactSecret: SECRET });

function request(startsAt: Date, email: string, over: Partial<BookingInput> = {}): BookingInput {
  return {
    tenant: 'demo',
    locationId: fx.mitteId,
    serviceId: fx.services.personalausweis!,
    startsAt,
    citizen: { name: 'Erika Mustermann', email },
    smsOptIn: false,
    language: 'en',
    ...over,
  };
}

type Slot = Awaited<ReturnType<typeof createSlots>>[number];

/** A booking as the batches get it, for Mitte's Personalausweis; `day` is its local day (UTC here). */
function rawWrite(slots: Slot[], over: { phone?: string | null; contact?: string; key?: string | null; day: string }): BookingWrite {
  const id = timeOrderedUuid();
  const dayStart = new Date(`${over.day}T00:00:00Z`);
  return {
    id,
    tenant: fx.tenantId,
    location: fx.mitteId,
    service: fx.services.personalausweis!,
    starts_at: slots[0]!.startsAt,
    ends_at: slots.at(-1)!.endsAt,
    slot_starts: slots.map((s) => s.startsAt),
    booking_code: `TEST-${randomUUID().slice(0, 14)}`,
    qr_code: randomUUID(),
    score: 10,
    name: 'Erika Mustermann',
    email: 'erika@example.org',
    phone: over.phone ?? null,
    sms_opt_in: false,
    language: 'de',
    channel: 'online',
    contact_hash: over.contact ?? randomUUID(),
    idempotency_key: over.key ?? null,
    now: NOW,
    day_start: dayStart,
    day_end: new Date(dayStart.getTime() + 86_400_000),
    max_per_day: 2,
    outbox_id: timeOrderedUuid(),
    outbox_payload: { appointmentId: id, sequence: 0 },
  };
}

const outcome = (settled: PromiseSettledResult<unknown>) =>
  settled.status === 'fulfilled' ? 'booked' : settled.reason instanceof ConflictError ? settled.reason.code : String(settled.reason);

describe('bookings that arrive together', () => {
  it('are written in shared transactions, each refused or booked on its own', async () => {
    const [full] = await createSlots(fx.db, { locationId: fx.mitteId, startsAt: new Date('2031-03-04T08:00:00Z'), capacity: 3 });
    const free = await createSlots(fx.db, { locationId: fx.mitteId, startsAt: new Date('2031-03-04T09:00:00Z'), count: 10, capacity: 5 });

    const settled = await Promise.allSettled([
      // Ten citizens for three places.
      ...Array.from({ length: 10 }, (_, i) => bookAppointment(deps(), request(full!.startsAt, `racer${i}@example.org`))),
      // One citizen trying five times on one day; the tenant allows two.
      ...Array.from({ length: 5 }, (_, i) => bookAppointment(deps(), request(free[i]!.startsAt, 'Same.Person@example.org'))),
      // Ten citizens with a slot each.
      ...free.map((slot, i) => bookAppointment(deps(), request(slot.startsAt, `calm${i}@example.org`))),
    ]);
    const outcomes = settled.map(outcome);

    expect(outcomes.slice(0, 10).filter((o) => o === 'booked')).toHaveLength(3);
    expect(outcomes.slice(0, 10).filter((o) => o === 'slot_full')).toHaveLength(7);
    expect(outcomes.slice(10, 15).filter((o) => o === 'booked')).toHaveLength(2);
    expect(outcomes.slice(10, 15).filter((o) => o === 'booking_limit_reached')).toHaveLength(3);
    expect(outcomes.slice(15)).toEqual(Array(10).fill('booked'));

    const bookkeeping = await slotBookkeeping(fx.db, [full!.id, ...free.map((s) => s.id)]);
    expect(bookkeeping.every((s) => s.booked === s.held)).toBe(true);
    expect(bookkeeping[0]).toMatchObject({ booked: 3 });

    // The rows of one transaction carry its id (xmin): fewer transactions than bookings.
    const [counted] = await fx.db.$queryRaw<{ transactions: number; bookings: number }[]>`
      SELECT count(DISTINCT xmin::text)::int AS transactions, count(*)::int AS bookings
      FROM "Appointment" WHERE "startsAt" >= '2031-03-04T08:00:00Z' AND "startsAt" < '2031-03-04T12:00:00Z'`;
    expect(counted!.bookings).toBe(15);
    expect(counted!.transactions).toBeLessThan(counted!.bookings);
  });

  it('of a 30-minute service over overlapping slots never deadlock and never oversell', async () => {
    const slots = await createSlots(fx.db, { locationId: fx.kfzId, startsAt: new Date('2031-03-05T08:00:00Z'), count: 6, capacity: 10 });
    // Each booking needs two slots and the starts overlap, so batches hold slots in every order;
    // three sets of batches stand for three API processes writing at once.
    const failedBatches: unknown[] = [];
    const processes = Array.from({ length: 3 }, () => createBookingBatches(fx.db, { onBatchError: (error) => failedBatches.push(error) }));
    const settled = await Promise.allSettled(
      Array.from({ length: 90 }, (_, i) =>
        bookAppointment(
          { ...deps(), batches: processes[i % 3] },
          request(slots[(i * 7) % 5]!.startsAt, `driver${i}@example.org`, { locationId: fx.kfzId, serviceId: fx.services['kfz-zulassung']! }),
        ),
      ),
    );
    const outcomes = settled.map(outcome);
    expect(outcomes.every((o) => o === 'booked' || o === 'slot_full')).toBe(true);
    // No batch failed (a deadlock would have, and been retried booking by booking).
    expect(failedBatches).toEqual([]);
    const bookkeeping = await slotBookkeeping(
      fx.db,
      slots.map((s) => s.id),
    );
    expect(bookkeeping.every((s) => s.booked === s.held && s.booked <= 10)).toBe(true);
    // Six slots of ten places hold at most 30 two-slot bookings; every start is refused only once
    // it or the slot after it is full, which takes at least three full slots: 15 bookings.
    const booked = outcomes.filter((o) => o === 'booked').length;
    expect(booked).toBeGreaterThanOrEqual(15);
    expect(booked).toBeLessThanOrEqual(30);
  });

  it('a booking PostgreSQL refuses fails alone: the others of its batch are booked', async () => {
    const slots = await createSlots(fx.db, { locationId: fx.mitteId, startsAt: new Date('2031-03-06T08:00:00Z'), count: 4, capacity: 1 });
    const failedBatches: number[] = [];
    const batches = createBookingBatches(fx.db, { onBatchError: (_error, size) => failedBatches.push(size) });
    const write = (slot: Slot, phone: string | null) => rawWrite([slot], { phone, day: '2031-03-06' });
    // A phone number longer than its column: the API's validation would stop it, so it stands for
    // any error nobody foresaw.
    const settled = await Promise.allSettled([
      batches.write(write(slots[0]!, null)),
      batches.write(write(slots[1]!, '+49'.padEnd(40, '1'))),
      batches.write(write(slots[2]!, null)),
      batches.write(write(slots[3]!, '+49 30 1234567')),
    ]);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : 'error'))).toEqual(['booked', 'error', 'booked', 'booked']);
    expect(failedBatches).toEqual([4]);
    const bookkeeping = await slotBookkeeping(
      fx.db,
      slots.map((s) => s.id),
    );
    expect(bookkeeping.map((s) => s.booked)).toEqual([1, 0, 1, 1]);
    expect(bookkeeping.every((s) => s.booked === s.held)).toBe(true);
  });

  // Bookings of different citizens into slots with room for all of them are written set-based; any
  // other batch one booking after the other. The answers must not depend on which way was taken.
  async function mixedBatch(day: string, extra: 'none' | 'same citizen again') {
    const slots = await createSlots(fx.db, { locationId: fx.mitteId, startsAt: new Date(`${day}T08:00:00Z`), count: 4, capacity: 2 });
    const [s0, s1, s2, s3] = slots as [Slot, Slot, Slot, Slot];
    const contact = (name: string) => `${day}-${name}`;
    const batches = createBookingBatches(fx.db);
    // Before the batch: citizen L has two bookings that day (the tenant allows two), which fill s2,
    // and an earlier booking holds the idempotency key "old".
    for (const write of [rawWrite([s2], { contact: contact('L'), day }), rawWrite([s2], { contact: contact('L'), day })]) {
      expect(await batches.write(write)).toBe('booked');
    }
    expect(await batches.write(rawWrite([s3], { key: `${day}-old`, day }))).toBe('booked');
    await fx.db.$executeRaw`UPDATE "TimeSlot" SET capacity = 3 WHERE id = ${s3.id}::uuid`;

    const writes = [
      rawWrite([s0, s1], { contact: contact('a'), day }), // a 30-minute booking
      rawWrite([s2], { contact: contact('L'), day }), // L's third booking that day
      rawWrite([s3], { contact: contact('b'), key: `${day}-old`, day }), // a key that is taken
      rawWrite([s1], { contact: contact('c'), key: `${day}-new`, day }), // two bookings with one new key:
      rawWrite([s3], { contact: contact('d'), key: `${day}-new`, day }), //   the first is made
      rawWrite([s0], { contact: contact('e'), day }), // s0's last place
      ...(extra === 'same citizen again' ? [rawWrite([s3], { contact: contact('a'), day })] : []),
    ];
    const outcomes = await Promise.all(writes.map((w) => batches.write(w)));
    const made = writes.filter((_, i) => outcomes[i] === 'booked');
    const [rows] = await fx.db.$queryRaw<{ transactions: number; slots: number; events: number; histories: number }[]>`
      SELECT (SELECT count(DISTINCT xmin::text) FROM "Appointment" WHERE id = ANY (${made.map((w) => w.id)}::uuid[]))::int AS transactions,
             (SELECT count(*) FROM "AppointmentSlot" WHERE "appointmentId" = ANY (${made.map((w) => w.id)}::uuid[]))::int AS slots,
             (SELECT count(*) FROM "OutboxEvent" WHERE id = ANY (${writes.map((w) => w.outbox_id)}::uuid[]))::int AS events,
             (SELECT coalesce(sum(appointments), 0) FROM "ContactHistory" WHERE "contactHash" = ANY (${writes.map((w) => w.contact_hash)}))::int AS histories`;
    return {
      outcomes,
      rows: rows!,
      bookkeeping: await slotBookkeeping(
        fx.db,
        slots.map((s) => s.id),
      ),
    };
  }

  it('written set-based, answer each booking as one after the other would be answered', async () => {
    const { outcomes, rows, bookkeeping } = await mixedBatch('2031-03-07', 'none');
    expect(outcomes).toEqual(['booked', 'limit_reached', 'conflict', 'booked', 'conflict', 'booked']);
    // s0: a and e; s1: a and c; s2: L's two; s3: the booking with the old key, nothing of b or d.
    expect(bookkeeping.map((s) => s.booked)).toEqual([2, 2, 2, 1]);
    expect(bookkeeping.every((s) => s.booked === s.held)).toBe(true);
    // One transaction; a's two slots and c's and e's one; an outbox event for each booking made; the
    // history of a, c and e, and L's two earlier bookings.
    expect(rows).toEqual({ transactions: 1, slots: 4, events: 3, histories: 5 });
  });

  it('with some of them wanting more places than a slot has left, give the first ones the places and write the rest alongside', async () => {
    const day = '2031-03-12';
    const slots = await createSlots(fx.db, { locationId: fx.mitteId, startsAt: new Date(`${day}T08:00:00Z`), count: 4, capacity: 2 });
    const [s0, s1, s2, s3] = slots as [Slot, Slot, Slot, Slot];
    const batches = createBookingBatches(fx.db);
    const writes = [
      rawWrite([s0], { key: `${day}-k`, day }), // first of three for s0's two places, with a key
      rawWrite([s1], { day }),
      rawWrite([s0], { day }), // s0's second place
      rawWrite([s0, s1], { day }), // a 30-minute booking: s0 is full by now, and s1 keeps its place
      rawWrite([s2], { day }), // a slot nobody else wants
      rawWrite([s3], { key: `${day}-k`, day }), // room on s3, but the key went to the first booking
      rawWrite([s1], { day }), // s1's second place
    ];
    const outcomes = await Promise.all(writes.map((w) => batches.write(w)));
    expect(outcomes).toEqual(['booked', 'booked', 'booked', 'slot_full', 'booked', 'conflict', 'booked']);
    const bookkeeping = await slotBookkeeping(
      fx.db,
      slots.map((s) => s.id),
    );
    expect(bookkeeping.map((s) => s.booked)).toEqual([2, 2, 1, 0]);
    expect(bookkeeping.every((s) => s.booked === s.held)).toBe(true);
    const made = writes.filter((_, i) => outcomes[i] === 'booked').map((w) => w.id);
    const [row] = await fx.db.$queryRaw<{ transactions: number; events: number }[]>`
      SELECT (SELECT count(DISTINCT xmin::text) FROM "Appointment" WHERE id = ANY (${made}::uuid[]))::int AS transactions,
             (SELECT count(*) FROM "OutboxEvent" WHERE id = ANY (${writes.map((w) => w.outbox_id)}::uuid[]))::int AS events`;
    expect(row).toEqual({ transactions: 1, events: 5 });
  });

  it('written one after the other (a citizen twice in the batch), answer the same', async () => {
    const { outcomes, rows, bookkeeping } = await mixedBatch('2031-03-10', 'same citizen again');
    expect(outcomes).toEqual(['booked', 'limit_reached', 'conflict', 'booked', 'conflict', 'booked', 'booked']);
    expect(bookkeeping.map((s) => s.booked)).toEqual([2, 2, 2, 2]);
    expect(bookkeeping.every((s) => s.booked === s.held)).toBe(true);
    expect(rows).toEqual({ transactions: 1, slots: 5, events: 4, histories: 6 });
  });
});
