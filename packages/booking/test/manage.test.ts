import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '@termin/domain';
import { lookupBooking } from '../src';
import { bookDirectly, createSlots } from '../src/testing/booked-appointment';
import { manageFixtures, minutes, NOW, SECRET, type ManageFixtures } from './manage-fixtures';

let fx: ManageFixtures;
beforeAll(async () => {
  fx = await manageFixtures();
});
afterAll(async () => fx?.close());

async function booking(startsAt: Date, email = 'Erika.Muster@Example.org', status?: 'CONFIRMED' | 'DONE') {
  const slots = await createSlots(fx.db, { locationId: fx.mitteId, startsAt, count: 2 });
  return bookDirectly(fx.db, { tenantId: fx.tenantId, locationId: fx.mitteId, serviceId: fx.services.personalausweis!, slots, email, contactHashSecret: SECRET, status });
}

describe('lookupBooking', () => {
  it('finds a booking by code in any spelling the citizen might type, with the e-mail in any case', async () => {
    const a = await booking(new Date('2031-03-04T08:00:00Z'));
    const sloppy = ` ${a.bookingCode.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o').replaceAll('1', 'l')} `;
    const view = await lookupBooking(fx.deps(), { code: sloppy, email: '  erika.muster@EXAMPLE.org ' });
    expect(view).toMatchObject({
      id: a.id,
      bookingCode: a.bookingCode,
      status: 'CONFIRMED',
      startsAt: '2031-03-04T08:00:00.000Z',
      endsAt: '2031-03-04T08:30:00.000Z',
      timezone: 'Europe/Berlin',
      location: { id: fx.mitteId },
      service: { nameDe: 'Personalausweis beantragen', nameEn: 'Apply for an identity card' },
      sequence: 0,
      cancellable: { allowed: true, deadline: '2031-03-04T06:00:00.000Z' },
    });
  });

  it('gives the same 404 for a wrong e-mail, an unknown code and an anonymised booking', async () => {
    const a = await booking(new Date('2031-03-04T09:00:00Z'));
    const errors: unknown[] = [];
    for (const credentials of [
      { code: a.bookingCode, email: 'someone.else@example.org' },
      { code: '0000-0000-0000-0000', email: 'erika.muster@example.org' },
    ]) {
      errors.push(await lookupBooking(fx.deps(), credentials).catch((e: unknown) => e));
    }
    await fx.db.appointment.update({ where: { id: a.id }, data: { anonymisedAt: NOW, citizenEmail: null, citizenName: null } });
    errors.push(await lookupBooking(fx.deps(), { code: a.bookingCode, email: 'erika.muster@example.org' }).catch((e: unknown) => e));
    for (const error of errors) {
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as NotFoundError).code).toBe('booking_not_found');
    }
  });

  it('refuses what cannot be a booking code with a 400 naming the field', async () => {
    const error = await lookupBooking(fx.deps(), { code: 'ABC-123', email: 'erika.muster@example.org' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('booking_code_invalid');
    expect((error as ValidationError).fieldErrors).toEqual([{ field: 'code', code: 'field_booking_code' }]);
  });

  it('says a booking is no longer cancellable after the deadline or once it is done', async () => {
    const startsAt = new Date('2031-03-04T10:00:00Z');
    const a = await booking(startsAt);
    const justBefore = await lookupBooking(fx.deps(new Date(startsAt.getTime() - minutes(121))), { code: a.bookingCode, email: 'erika.muster@example.org' });
    expect(justBefore.cancellable.allowed).toBe(true);
    const atDeadline = await lookupBooking(fx.deps(new Date(startsAt.getTime() - minutes(120))), { code: a.bookingCode, email: 'erika.muster@example.org' });
    expect(atDeadline.cancellable.allowed).toBe(false);
    const done = await booking(new Date('2031-03-05T10:00:00Z'), 'erika.muster@example.org', 'DONE');
    expect((await lookupBooking(fx.deps(), { code: done.bookingCode, email: 'erika.muster@example.org' })).cancellable.allowed).toBe(false);
  });
});
