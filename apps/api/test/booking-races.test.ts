import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';
import { addDaysToLocalDate } from '@termin/domain';
import { seedBookingFixtures, type BookingFixtures } from './support/booking-fixtures';

let t: TestApp;
let fx: BookingFixtures;

beforeAll(async () => {
  t = await createTestApp({ DATABASE_POOL_MAX: '30' });
  fx = await seedBookingFixtures(t.app.db);
});
afterAll(() => t.close());

const bookingFor = (startsAt: Date, email: string) => ({
  tenant: 'demo',
  locationId: fx.mitteId,
  serviceId: fx.services.personalausweis,
  startsAt: startsAt.toISOString(),
  citizen: { name: 'Bürgerin', email },
  smsOptIn: false,
  language: 'de',
  consent: true,
});

const book = (body: unknown, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url: '/api/v1/appointments', payload: body as object, headers });

describe('concurrent bookings', () => {
  it('200 citizens racing for a slot with 3 places: exactly 3 bookings, the rest slot_full, nothing oversold', async () => {
    const startsAt = fx.at('09:00');
    await t.app.db.timeSlot.update({ where: { locationId_startsAt: { locationId: fx.mitteId, startsAt } }, data: { capacity: 3 } });

    const responses = await Promise.all(Array.from({ length: 200 }, (_, i) => book(bookingFor(startsAt, `racer${i}@example.org`))));
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 409)).toHaveLength(197);
    expect(statuses.filter((s) => s >= 500)).toHaveLength(0);
    expect(responses.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'slot_full')).toBe(true);

    const slot = await t.app.db.timeSlot.findUniqueOrThrow({ where: { locationId_startsAt: { locationId: fx.mitteId, startsAt } } });
    expect(slot.booked).toBe(3);
    const appointments = await t.app.db.appointment.findMany({ where: { startsAt } });
    expect(appointments).toHaveLength(3);
    const events = await t.app.db.outboxEvent.findMany({ where: { type: 'appointment.booked' } });
    expect(events.map((e) => (e.payload as { appointmentId: string }).appointmentId).sort()).toEqual(appointments.map((a) => a.id).sort());
  });

  it('two identical requests with one Idempotency-Key racing make one booking, answered to both', async () => {
    const startsAt = fx.at('10:00');
    const body = bookingFor(startsAt, 'twice@example.org');
    const [a, b] = await Promise.all([book(body, { 'idempotency-key': 'race-key' }), book(body, { 'idempotency-key': 'race-key' })]);
    expect([a!.statusCode, b!.statusCode].sort()).toEqual([200, 201]);
    expect(a!.json().bookingCode).toBe(b!.json().bookingCode);
    expect(await t.app.db.appointment.count({ where: { idempotencyKey: 'race-key' } })).toBe(1);
    const slot = await t.app.db.timeSlot.findUniqueOrThrow({ where: { locationId_startsAt: { locationId: fx.mitteId, startsAt } } });
    expect(slot.booked).toBe(1);
  });

  it('five simultaneous bookings of one contact stop at the daily limit of 2', async () => {
    const times = ['10:30', '10:45', '11:00', '11:15', '11:30'];
    const responses = await Promise.all(times.map((time) => book(bookingFor(fx.at(time), 'greedy@example.org'))));
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 201, 409, 409, 409]);
    expect(responses.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'booking_limit_reached')).toBe(true);
    const hashes = await t.app.db.appointment.findMany({ where: { startsAt: { in: times.map((time) => fx.at(time)) } } });
    expect(hashes).toHaveLength(2);
    const booked = await t.app.db.timeSlot.aggregate({ where: { locationId: fx.mitteId, startsAt: { in: times.map((time) => fx.at(time)) } }, _sum: { booked: true } });
    expect(booked._sum.booked).toBe(2);
  });

  it('five simultaneous bookings with variants of one Gmail address stop at the one daily limit of 2', async () => {
    const times = ['08:00', '08:15', '08:30', '08:45', '09:15'];
    const variants = ['hoarder@gmail.com', 'Hoarder+1@gmail.com', 'h.o.a.r.d.e.r@googlemail.com', 'hoard.er+slot@gmail.com', 'HOARDER@GMAIL.COM'];
    const responses = await Promise.all(times.map((time, i) => book(bookingFor(fx.at(time), variants[i]!))));
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 201, 409, 409, 409]);
    expect(responses.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'booking_limit_reached')).toBe(true);
    expect(await t.app.db.appointment.count({ where: { startsAt: { in: times.map((time) => fx.at(time)) } } })).toBe(2);
  });

  it('counts a reschedule towards the daily limit of its new day: two bookings racing onto a day with one free place, one moves', async () => {
    const email = 'mover@example.org';
    const later = addDaysToLocalDate(fx.day, 7);
    const kept = await book(bookingFor(fx.at('09:30'), email));
    const first = await book(bookingFor(fx.at('09:00', later), email));
    const second = await book(bookingFor(fx.at('09:15', later), email));
    expect([kept, first, second].map((r) => r.statusCode)).toEqual([201, 201, 201]);
    const move = (code: string, time: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/appointments/by-code/${code}/reschedule`,
        payload: { email, startsAt: fx.at(time).toISOString() },
        headers: { 'accept-language': 'en' },
      });
    const moves = await Promise.all([move(first.json().bookingCode, '09:45'), move(second.json().bookingCode, '10:15')]);
    expect(moves.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const refused = moves.find((r) => r.statusCode === 409)!;
    expect(refused.json().error).toEqual({
      code: 'booking_limit_reached',
      message: '2 appointments are already booked with these contact details on that day. No more are possible.',
    });
    const onDay = await t.app.db.appointment.count({ where: { citizenEmail: email, startsAt: { gte: fx.at('00:00'), lt: fx.at('23:59') } } });
    expect(onDay).toBe(2);
    // The refused booking kept its time and its place.
    expect(await t.app.db.appointment.count({ where: { citizenEmail: email, startsAt: { gte: fx.at('00:00', later), lt: fx.at('23:59', later) } } })).toBe(1);
  });
});
