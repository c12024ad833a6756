import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysToLocalDate, localDateOf, zonedToUtc } from '@termin/domain';
import { bookDirectly, createSlots, seedMunicipality, slotBookkeeping, type DemoMunicipality } from '@termin/booking/testing/booked-appointment';
import { createTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let demo: DemoMunicipality;
beforeAll(async () => {
  t = await createTestApp();
  demo = await seedMunicipality(t.app.db);
});
afterAll(async () => t?.close());

const tz = 'Europe/Berlin';
const day = (days: number) => addDaysToLocalDate(localDateOf(new Date(), tz), days);
const url = (code: string, rest: string) => `/api/v1/appointments/by-code/${encodeURIComponent(code)}${rest}`;

function book(slots: { id: string; startsAt: Date; endsAt: Date }[], email: string) {
  return bookDirectly(t.app.db, {
    tenantId: demo.tenantId,
    locationId: demo.mitteId,
    serviceId: demo.services.personalausweis!,
    slots,
    email,
    contactHashSecret: t.config.CONTACT_HASH_SECRET,
  });
}

describe('concurrent changes over HTTP', () => {
  it('lets exactly 3 of 50 concurrent reschedules into a slot with 3 free seats through; the other 47 keep their slot', async () => {
    const [target] = await createSlots(t.app.db, { locationId: demo.mitteId, startsAt: zonedToUtc(day(4), '15:00', tz), capacity: 4 });
    await book([target!], 'first@example.org');
    // Each citizen holds two consecutive 5-minute slots of their own (06:00-14:20), so a move needs two seats.
    const own = await createSlots(t.app.db, { locationId: demo.mitteId, startsAt: zonedToUtc(day(4), '06:00', tz), count: 100, minutes: 5 });
    const targetPair = await createSlots(t.app.db, { locationId: demo.mitteId, startsAt: new Date(target!.endsAt), count: 1, capacity: 4 });
    await book([...targetPair], 'second@example.org'); // 1 of 4 taken here too: 3 seats free in both
    // Set up one after another: only the reschedules below are the race under test.
    const bookings = [];
    for (let i = 0; i < 50; i++) bookings.push(await book([own[2 * i]!, own[2 * i + 1]!], `citizen${i}@example.org`));

    const responses = await Promise.all(
      bookings.map((b, i) =>
        t.app.inject({ method: 'POST', url: url(b.bookingCode, '/reschedule'), payload: { email: `citizen${i}@example.org`, startsAt: target!.startsAt.toISOString() } }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(responses.filter((r) => r.statusCode === 409).map((r) => r.json().error.code)).toEqual(Array(47).fill('slot_full'));

    const allSlots = [target!, ...targetPair, ...own].map((s) => s.id);
    const books = await slotBookkeeping(t.app.db, allSlots);
    expect(books.filter((s) => s.booked !== s.held)).toEqual([]);
    // 50 citizens holding two slots each, plus the two earlier bookings holding one each.
    expect(books.reduce((sum, s) => sum + s.booked, 0)).toBe(50 * 2 + 2);
    expect(books.find((s) => s.id === target!.id)!.booked).toBe(4);
    const rows = await t.app.db.appointment.findMany({ where: { id: { in: bookings.map((b) => b.id) } }, include: { slots: true } });
    const movedRows = rows.filter((r) => r.startsAt.getTime() === target!.startsAt.getTime());
    expect(movedRows.map((r) => r.sequence)).toEqual([1, 1, 1]);
    const stayed = rows.filter((r) => r.startsAt.getTime() !== target!.startsAt.getTime());
    expect(stayed).toHaveLength(47);
    for (const r of stayed) {
      const i = bookings.findIndex((b) => b.id === r.id);
      expect([r.sequence, r.startsAt.toISOString(), r.slots.map((s) => s.slotId).sort()]).toEqual([
        0,
        own[2 * i]!.startsAt.toISOString(),
        [own[2 * i]!.id, own[2 * i + 1]!.id].sort(),
      ]);
    }
    const outbox = await t.app.db.outboxEvent.count({ where: { type: 'appointment.rescheduled' } });
    expect(outbox).toBe(3);
  });

  it('lets exactly one of 20 concurrent cancellations of the same booking through', async () => {
    const slots = await createSlots(t.app.db, { locationId: demo.mitteId, startsAt: zonedToUtc(day(5), '09:00', tz), count: 2, capacity: 2 });
    await book(slots, 'neighbour@example.org');
    const b = await book(slots, 'max@example.org');
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => t.app.inject({ method: 'POST', url: url(b.bookingCode, '/cancel'), payload: { email: 'max@example.org' } })),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, ...Array(19).fill(409)]);
    expect(
      (
        await slotBookkeeping(
          t.app.db,
          slots.map((s) => s.id),
        )
      ).map((s) => [s.booked, s.held]),
    ).toEqual([
      [1, 1],
      [1, 1],
    ]);
    expect(await t.app.db.outboxEvent.count({ where: { type: 'appointment.cancelled' } })).toBe(1);
  });

  it('serialises a cancel racing a reschedule of the same booking: the seats add up either way', async () => {
    const rounds = await Promise.all(
      Array.from({ length: 5 }, async (_, i) => {
        const own = await createSlots(t.app.db, { locationId: demo.mitteId, startsAt: zonedToUtc(day(7 + i), '09:00', tz), count: 2 });
        const target = await createSlots(t.app.db, { locationId: demo.mitteId, startsAt: zonedToUtc(day(7 + i), '11:00', tz), count: 2 });
        const b = await book(own, `race${i}@example.org`);
        const [cancel, move] = await Promise.all([
          t.app.inject({ method: 'POST', url: url(b.bookingCode, '/cancel'), payload: { email: `race${i}@example.org` } }),
          t.app.inject({
            method: 'POST',
            url: url(b.bookingCode, '/reschedule'),
            payload: { email: `race${i}@example.org`, startsAt: target[0]!.startsAt.toISOString() },
          }),
        ]);
        return { ids: [...own, ...target].map((s) => s.id), statuses: [cancel.statusCode, move.statusCode] };
      }),
    );
    for (const round of rounds) {
      // The cancel either runs first (the move then finds it cancelled) or waits for the move and frees the new slots.
      expect(round.statuses[0]).toBe(200);
      expect([200, 409]).toContain(round.statuses[1]);
      const books = await slotBookkeeping(t.app.db, round.ids);
      expect(books.map((s) => [s.booked, s.held])).toEqual(Array(4).fill([0, 0]));
    }
  });
});
