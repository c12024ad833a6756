import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from '@termin/domain';
import { cancelBooking } from '../src';
import { bookDirectly, createSlots, slotBookkeeping } from '../src/testing/booked-appointment';
import { manageFixtures, minutes, NOW, SECRET, type ManageFixtures } from './manage-fixtures';

let fx: ManageFixtures;
beforeAll(async () => {
  fx = await manageFixtures();
});
afterAll(async () => fx?.close());

const email = 'max@example.org';

async function booking(startsAt: Date, capacity = 1) {
  const slots = await createSlots(fx.db, { locationId: fx.mitteId, startsAt, count: 2, capacity });
  const appointment = await bookDirectly(fx.db, {
    tenantId: fx.tenantId,
    locationId: fx.mitteId,
    serviceId: fx.services.personalausweis!,
    slots,
    email,
    contactHashSecret: SECRET,
  });
  return { appointment, slotIds: slots.map((s) => s.id) };
}

describe('cancelBooking', () => {
  it('cancels, frees the slots, bumps the sequence and writes one outbox event', async () => {
    const { appointment, slotIds } = await booking(new Date('2031-03-04T08:00:00Z'));
    const view = await cancelBooking(fx.deps(), { code: appointment.bookingCode, email });
    expect(view).toMatchObject({ status: 'CANCELLED', sequence: 1, cancellable: { allowed: false } });
    const row = await fx.db.appointment.findUniqueOrThrow({ where: { id: appointment.id } });
    expect(row.cancelledAt?.toISOString()).toBe(NOW.toISOString());
    expect(row.cancelledBy).toBe('CITIZEN');
    expect(await slotBookkeeping(fx.db, slotIds)).toEqual(slotIds.map((id) => ({ id, booked: 0, held: 0 })));
    const events = await fx.db.outboxEvent.findMany({ where: { type: 'appointment.cancelled' } });
    expect(events.filter((e) => (e.payload as { appointmentId: string }).appointmentId === appointment.id).map((e) => e.payload)).toEqual([
      { appointmentId: appointment.id, sequence: 1 },
    ]);
  });

  it('lets exactly one of 20 concurrent cancellations through and frees the slots once', async () => {
    // Capacity 3 with two other holders: freeing twice would show as booked 0 instead of 2.
    const { appointment, slotIds } = await booking(new Date('2031-03-04T09:00:00Z'), 3);
    const slots = await fx.db.timeSlot.findMany({ where: { id: { in: slotIds } }, orderBy: { startsAt: 'asc' } });
    for (const other of ['a@example.org', 'b@example.org']) {
      await bookDirectly(fx.db, {
        tenantId: fx.tenantId,
        locationId: fx.mitteId,
        serviceId: fx.services.personalausweis!,
        slots,
        email: other,
        contactHashSecret: SECRET,
      });
    }
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => cancelBooking(fx.deps(), { code: appointment.bookingCode, email })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
      expect(r.reason).toBeInstanceOf(ConflictError);
      expect(r.reason.code).toBe('booking_not_cancellable');
    }
    expect(await slotBookkeeping(fx.db, slotIds)).toEqual(slotIds.map((id) => ({ id, booked: 2, held: 2 })));
    const events = await fx.db.outboxEvent.findMany({ where: { type: 'appointment.cancelled' } });
    expect(events.filter((e) => (e.payload as { appointmentId: string }).appointmentId === appointment.id)).toHaveLength(1);
  });

  it('refuses after the deadline and for finished bookings, changing nothing', async () => {
    const startsAt = new Date('2031-03-04T10:00:00Z');
    const { appointment, slotIds } = await booking(startsAt);
    const late = await cancelBooking(fx.deps(new Date(startsAt.getTime() - minutes(60))), { code: appointment.bookingCode, email }).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(ConflictError);
    expect((late as ConflictError).code).toBe('cancellation_deadline_passed');
    expect((late as ConflictError).params).toEqual({ minutes: 120 });

    await fx.db.appointment.update({ where: { id: appointment.id }, data: { status: 'DONE' } });
    const done = await cancelBooking(fx.deps(), { code: appointment.bookingCode, email }).catch((e: unknown) => e);
    expect((done as ConflictError).code).toBe('booking_not_cancellable');

    const row = await fx.db.appointment.findUniqueOrThrow({ where: { id: appointment.id } });
    expect([row.sequence, row.cancelledAt]).toEqual([0, null]);
    expect(await slotBookkeeping(fx.db, slotIds)).toEqual(slotIds.map((id) => ({ id, booked: 1, held: 1 })));
  });
});
