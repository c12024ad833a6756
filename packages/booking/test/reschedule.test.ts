import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, DomainError } from '@termin/domain';
import { rescheduleBooking } from '../src';
import { bookDirectly, createSlots, slotBookkeeping } from '../src/testing/booked-appointment';
import { manageFixtures, minutes, NOW, SECRET, type ManageFixtures } from './manage-fixtures';

let fx: ManageFixtures;
beforeAll(async () => {
  fx = await manageFixtures();
});
afterAll(async () => fx?.close());

const email = 'max@example.org';
type Slot = Awaited<ReturnType<typeof createSlots>>[number];

function book(slots: Slot[], who = email) {
  return bookDirectly(fx.db, { tenantId: fx.tenantId, locationId: fx.mitteId, serviceId: fx.services.personalausweis!, slots, email: who, contactHashSecret: SECRET });
}

describe('rescheduleBooking', () => {
  it('moves a two-slot booking: new slots held, old ones free, sequence bumped, one outbox event', async () => {
    const old = await createSlots(fx.db, { locationId: fx.mitteId, startsAt: new Date('2031-03-04T08:00:00Z'), count: 2 });
    const target = await createSlots(fx.db, { locationId: fx.mitteId, startsAt: new Date('2031-03-05T12:00:00Z'), count: 2 });
    const a = await book(old);
    const view = await rescheduleBooking(fx.deps(), { code: a.bookingCode, email, startsAt: target[0]!.startsAt });
    expect(view).toMatchObject({ startsAt: '2031-03-05T12:00:00.000Z', endsAt: '2031-03-05T12:30:00.000Z', sequence: 1, status: 'CONFIRMED' });
    expect(
      await slotBookkeeping(
        fx.db,
        [...old, ...target].map((s) => s.id),
      ),
    ).toEqual([...old.map((s) => ({ id: s.id, booked: 0, held: 0 })), ...target.map((s) => ({ id: s.id, booked: 1, held: 1 }))]);
    const held = await fx.db.appointmentSlot.findMany({ where: { appointmentId: a.id } });
    expect(held.map((h) => h.slotId).sort()).toEqual(target.map((s) => s.id).sort());
    const events = await fx.db.outboxEvent.findMany({ where: { type: 'appointment.rescheduled' } });
    expect(events.map((e) => e.payload)).toContainEqual({ appointmentId: a.id, sequence: 1 });
  });

  it('moves by one slot into its own second slot without counting that slot twice', async () => {
    const slots = await createSlots(fx.db, { locationId: fx.mitteId, startsAt: new Date('2031-03-06T08:00:00Z'), count: 3 });
    const a = await book(slots.slice(0, 2));
    await rescheduleBooking(fx.deps(), { code: a.bookingCode, email, startsAt: slots[1]!.startsAt });
    expect(
      (
        await slotBookkeeping(
          fx.db,
          slots.map((s) => s.id),
        )
      ).map((s) => [s.booked, s.held]),
    ).toEqual([
      [0, 0],
      [1, 1],
      [1, 1],
    ]);
  });

  it('keeps the old booking untouched when a new slot is full', async () => {
    const old = await createSlots(fx.db, { locationId: fx.mitteId, startsAt: new Date('2031-03-07T08:00:00Z'), count: 2 });
    const target = await createSlots(fx.db, { locationId: fx.mitteId, startsAt: new Date('2031-03-07T10:00:00Z'), count: 2 });
    await book([target[1]!].concat([]), 'other@example.org'); // the second target slot is taken
    const a = await book(old);
    const error = await rescheduleBooking(fx.deps(), { code: a.bookingCode, email, startsAt: target[0]!.startsAt }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe('slot_full');
    const row = await fx.db.appointment.findUniqueOrThrow({ where: { id: a.id } });
    expect([row.startsAt.toISOString(), row.sequence]).toEqual(['2031-03-07T08:00:00.000Z', 0]);
    expect(
      (
        await slotBookkeeping(
          fx.db,
          [...old, ...target].map((s) => s.id),
        )
      ).map((s) => [s.booked, s.held]),
    ).toEqual([
      [1, 1],
      [1, 1],
      [0, 0],
      [1, 1],
    ]);
  });

  it('applies the booking rules: not in the past, not within the lead time, not beyond the horizon, not a time without slots', async () => {
    const old = await createSlots(fx.db, { locationId: fx.mitteId, startsAt: new Date('2031-03-10T08:00:00Z'), count: 1 });
    const a = await book(old);
    const attempt = (startsAt: Date) => rescheduleBooking(fx.deps(), { code: a.bookingCode, email, startsAt }).catch((e: unknown) => e as DomainError);
    expect(await attempt(new Date(NOW.getTime() - minutes(15)))).toMatchObject({ code: 'slot_in_past', status: 'invalid' });
    expect(await attempt(new Date(NOW.getTime() + minutes(30)))).toMatchObject({ code: 'slot_too_soon', status: 'invalid', params: { minutes: 60 } });
    expect(await attempt(new Date(NOW.getTime() + 61 * 86_400_000))).toMatchObject({ code: 'slot_beyond_horizon', status: 'invalid', params: { days: 60 } });
    expect(await attempt(new Date('2031-03-10T17:00:00Z'))).toMatchObject({ code: 'slot_not_available', status: 'conflict' });
    expect(await attempt(old[0]!.startsAt)).toMatchObject({ code: 'reschedule_same_time', status: 'conflict' });
    const lateNow = new Date(old[0]!.startsAt.getTime() - minutes(90));
    const late = await rescheduleBooking(fx.deps(lateNow), { code: a.bookingCode, email, startsAt: new Date('2031-03-11T08:00:00Z') }).catch((e: unknown) => e);
    expect(late).toMatchObject({ code: 'cancellation_deadline_passed' });
    const row = await fx.db.appointment.findUniqueOrThrow({ where: { id: a.id } });
    expect([row.startsAt.toISOString(), row.sequence]).toEqual(['2031-03-10T08:00:00.000Z', 0]);
  });

  it('lets exactly 3 of 50 concurrent reschedules into a slot with 3 free seats through', async () => {
    const target = (await createSlots(fx.db, { locationId: fx.mitteId, startsAt: new Date('2031-03-12T12:00:00Z'), capacity: 5 }))[0]!;
    await book([target], 'early1@example.org');
    await book([target], 'early2@example.org');
    const own = await createSlots(fx.db, { locationId: fx.mitteId, startsAt: new Date('2031-03-12T06:00:00Z'), count: 50, minutes: 5 });
    const bookings = await Promise.all(own.map((slot, i) => book([slot], `citizen${i}@example.org`)));
    const results = await Promise.allSettled(
      bookings.map((b, i) => rescheduleBooking(fx.deps(), { code: b.bookingCode, email: `citizen${i}@example.org`, startsAt: target.startsAt })),
    );
    const moved = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(moved).toHaveLength(3);
    expect(refused.map((r) => (r.reason as DomainError).code)).toEqual(Array(47).fill('slot_full'));
    const slotIds = [target.id, ...own.map((s) => s.id)];
    const books = await slotBookkeeping(fx.db, slotIds);
    expect(books.every((s) => s.booked === s.held)).toBe(true);
    expect(books.find((s) => s.id === target.id)!.booked).toBe(5);
    expect(books.reduce((sum, s) => sum + s.booked, 0)).toBe(52);
    const rows = await fx.db.appointment.findMany({ where: { id: { in: bookings.map((b) => b.id) } } });
    expect(rows.filter((r) => r.startsAt.getTime() === target.startsAt.getTime() && r.sequence === 1)).toHaveLength(3);
    expect(rows.filter((r) => r.startsAt.getTime() !== target.startsAt.getTime() && r.sequence === 0)).toHaveLength(47);
  });

  it('lets citizens swap slots concurrently (opposite lock order) without losing a seat', async () => {
    const pairs = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const [x, y] = await createSlots(fx.db, { locationId: fx.mitteId, startsAt: new Date(Date.UTC(2031, 2, 13, 7, i * 30)), count: 2, capacity: 2 });
        return { x: x!, y: y!, a: await book([x!], `swap-a${i}@example.org`), b: await book([y!], `swap-b${i}@example.org`), i };
      }),
    );
    await Promise.all(
      pairs.flatMap(({ x, y, a, b, i }) => [
        rescheduleBooking(fx.deps(), { code: a.bookingCode, email: `swap-a${i}@example.org`, startsAt: y.startsAt }),
        rescheduleBooking(fx.deps(), { code: b.bookingCode, email: `swap-b${i}@example.org`, startsAt: x.startsAt }),
      ]),
    );
    const books = await slotBookkeeping(
      fx.db,
      pairs.flatMap((p) => [p.x.id, p.y.id]),
    );
    expect(books.map((s) => [s.booked, s.held])).toEqual(Array(20).fill([1, 1]));
  });
});
