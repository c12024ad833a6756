import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableSlots, bookAppointment, rescheduleBooking, type BookingInput } from '../src';
import { createSlots } from '../src/testing/booked-appointment';
import { manageFixtures, NOW, SECRET, type ManageFixtures } from './manage-fixtures';

// A service's places per slot with a share held back for staff (as the admin configures it):
// citizens booking online get only the public share, staff booking on their behalf all of it.

let fx: ManageFixtures;
beforeAll(async () => {
  fx = await manageFixtures();
  // Führungszeugnis: three bookings per slot, one of them held back for counter and phone.
  await fx.db.service.update({ where: { id: fx.services.fuehrungszeugnis! }, data: { slotCapacity: 3, internalPlaces: 1 } });
});
afterAll(async () => fx?.close());

const deps = () => ({ db: fx.db, now: NOW, contactSecret: SECRET });
let n = 0;
function request(startsAt: Date, over: Partial<BookingInput> = {}): BookingInput {
  n += 1;
  return {
    tenant: 'demo',
    locationId: fx.mitteId,
    serviceId: fx.services.fuehrungszeugnis!,
    startsAt,
    citizen: { name: `Bürger ${n}`, email: `buerger-${n}@example.org` },
    smsOptIn: false,
    language: 'de',
    ...over,
  };
}

const outcome = (r: PromiseSettledResult<unknown>) => (r.status === 'fulfilled' ? 'booked' : (r.reason as { code: string }).code);
const times = async (startsAt: Date, audience: 'public' | 'internal') =>
  (
    await availableSlots({ db: fx.db, now: NOW }, { tenant: 'demo', locationId: fx.mitteId, serviceId: fx.services.fuehrungszeugnis!, date: '2031-03-04', audience })
  ).slots
    .map((s) => s.startsAt)
    .includes(startsAt.toISOString());

describe('public and internal places of a service', () => {
  it('lets 20 citizens racing for one slot take only the public share, and staff the place held back', async () => {
    const [slot] = await createSlots(fx.db, { locationId: fx.mitteId, startsAt: new Date('2031-03-04T08:00:00Z'), capacity: 10 });
    const startsAt = slot!.startsAt;
    expect(await times(startsAt, 'public')).toBe(true);

    const results = await Promise.allSettled(Array.from({ length: 20 }, () => bookAppointment(deps(), request(startsAt))));
    const outcomes = results.map(outcome);
    expect(outcomes.filter((o) => o === 'booked')).toHaveLength(2);
    expect(outcomes.filter((o) => o !== 'booked').every((o) => o === 'slot_full')).toBe(true);
    // Citizens no longer see the time; staff still do.
    expect(await times(startsAt, 'public')).toBe(false);
    expect(await times(startsAt, 'internal')).toBe(true);

    const staff = await bookAppointment(deps(), request(startsAt, { channel: 'phone', citizen: { name: 'Anrufer' } }));
    expect(staff.created).toBe(true);
    const row = await fx.db.appointment.findUniqueOrThrow({ where: { id: staff.booking.id } });
    expect(row).toMatchObject({ channel: 'phone', citizenEmail: null });
    await expect(bookAppointment(deps(), request(startsAt, { channel: 'counter', citizen: { name: 'Noch einer' } }))).rejects.toMatchObject({ code: 'slot_full' });
    expect(await times(startsAt, 'internal')).toBe(false);
    expect((await fx.db.timeSlot.findUniqueOrThrow({ where: { id: slot!.id } })).booked).toBe(3);
  });

  it('keeps the public share for citizens when staff booked first, also in one batch with staff bookings', async () => {
    const [slot] = await createSlots(fx.db, { locationId: fx.mitteId, startsAt: new Date('2031-03-04T09:00:00Z'), capacity: 10 });
    const startsAt = slot!.startsAt;
    await bookAppointment(deps(), request(startsAt, { channel: 'counter', citizen: { name: 'Am Schalter' } }));
    // Staff and citizens at once: staff may still take the last place, but citizens never more than two.
    const results = await Promise.allSettled([
      ...Array.from({ length: 10 }, () => bookAppointment(deps(), request(startsAt))),
      bookAppointment(deps(), request(startsAt, { channel: 'phone', citizen: { name: 'Am Telefon', phone: '030 1234567' } })),
    ]);
    const online = await fx.db.appointment.count({ where: { slots: { some: { slotId: slot!.id } }, channel: 'online' } });
    const all = await fx.db.appointment.count({ where: { slots: { some: { slotId: slot!.id } } } });
    expect(online).toBeLessThanOrEqual(2);
    expect(all).toBe(3);
    expect(results.map(outcome).filter((o) => o === 'booked')).toHaveLength(2);
  });

  it('books a citizen online only with an e-mail address', async () => {
    const [slot] = await createSlots(fx.db, { locationId: fx.mitteId, startsAt: new Date('2031-03-04T10:00:00Z'), capacity: 10 });
    await expect(bookAppointment(deps(), request(slot!.startsAt, { citizen: { name: 'Ohne' } }))).rejects.toMatchObject({ fieldErrors: [{ field: 'email' }] });
  });

  it("moves a citizen's online booking only into a slot whose public share has room", async () => {
    const [full, other] = await createSlots(fx.db, { locationId: fx.mitteId, startsAt: new Date('2031-03-04T11:00:00Z'), count: 2, capacity: 10 });
    await bookAppointment(deps(), request(full!.startsAt));
    await bookAppointment(deps(), request(full!.startsAt));
    const mine = request(other!.startsAt);
    const booked = await bookAppointment(deps(), mine);
    const move = () => rescheduleBooking(fx.deps(), { code: booked.booking.bookingCode, email: mine.citizen.email!, startsAt: full!.startsAt });
    await expect(move()).rejects.toMatchObject({ code: 'slot_full' });
    expect((await fx.db.appointment.findUniqueOrThrow({ where: { id: booked.booking.id } })).startsAt).toEqual(other!.startsAt);
    expect((await fx.db.timeSlot.findUniqueOrThrow({ where: { id: full!.id } })).booked).toBe(2);
  });
});
