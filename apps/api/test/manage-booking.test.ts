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

const email = 'Erika.Muster@example.org';
const tz = 'Europe/Berlin';
/** Local wall-clock `time` in Berlin, `days` days from today: inside lead time and horizon. */
function at(days: number, time = '08:00') {
  return zonedToUtc(addDaysToLocalDate(localDateOf(new Date(), tz), days), time, tz);
}

async function booking(startsAt: Date, capacity = 1) {
  const slots = await createSlots(t.app.db, { locationId: demo.mitteId, startsAt, count: 2, capacity });
  const appointment = await bookDirectly(t.app.db, {
    tenantId: demo.tenantId,
    locationId: demo.mitteId,
    serviceId: demo.services.personalausweis!,
    slots,
    email,
    contactHashSecret: t.config.CONTACT_HASH_SECRET,
  });
  return { appointment, slots };
}

/** Everything a refused request must leave alone. */
async function snapshot(appointmentId: string) {
  const db = t.app.db;
  const appointment = await db.appointment.findUniqueOrThrow({ where: { id: appointmentId }, include: { slots: true } });
  return {
    appointment,
    slots: await db.timeSlot.findMany({ orderBy: { startsAt: 'asc' }, select: { id: true, booked: true } }),
    outbox: await db.outboxEvent.count(),
  };
}

const url = (code: string, rest = '') => `/api/v1/appointments/by-code/${encodeURIComponent(code)}${rest}`;

describe('GET /api/v1/appointments/by-code/:code', () => {
  it('shows the booking for the right code and e-mail, in any spelling of the code', async () => {
    const { appointment } = await booking(at(3));
    const typed = appointment.bookingCode.toLowerCase().replaceAll('-', ' ');
    const res = await t.app.inject({ method: 'GET', url: url(typed), headers: { 'booking-email': 'erika.muster@EXAMPLE.org' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: appointment.id,
      bookingCode: appointment.bookingCode,
      status: 'CONFIRMED',
      startsAt: at(3).toISOString(),
      timezone: 'Europe/Berlin',
      location: { name: 'Bürgeramt Mitte' },
      service: { nameDe: 'Personalausweis beantragen', nameEn: 'Apply for an identity card' },
      sequence: 0,
      cancellable: { allowed: true, deadline: new Date(at(3).getTime() - 120 * 60_000).toISOString() },
    });
    // Contact data is not echoed back.
    expect(res.body).not.toContain('Erika');
  });

  it('answers a wrong e-mail exactly like an unknown code (no oracle), in German and English', async () => {
    const { appointment } = await booking(at(3, '09:00'));
    const wrongEmail = await t.app.inject({ method: 'GET', url: url(appointment.bookingCode), headers: { 'booking-email': 'max@example.org' } });
    const unknownCode = await t.app.inject({ method: 'GET', url: url('0000-0000-0000-0000'), headers: { 'booking-email': email } });
    expect(wrongEmail.statusCode).toBe(404);
    expect(wrongEmail.body).toBe(unknownCode.body);
    expect(wrongEmail.json().error).toEqual({ code: 'booking_not_found', message: expect.stringContaining('Buchungscode') });
    const english = await t.app.inject({ method: 'GET', url: url(appointment.bookingCode), query: { lang: 'en' }, headers: { 'booking-email': 'max@example.org' } });
    expect(english.json().error.message).toMatch(/no appointment for this booking code/);
  });

  it('answers 404 once the booking is anonymised', async () => {
    const { appointment } = await booking(at(3, '10:00'));
    await t.app.db.appointment.update({ where: { id: appointment.id }, data: { anonymisedAt: new Date(), citizenEmail: null, citizenName: null } });
    const res = await t.app.inject({ method: 'GET', url: url(appointment.bookingCode), headers: { 'booking-email': email } });
    expect([res.statusCode, res.json().error.code]).toEqual([404, 'booking_not_found']);
  });

  it('names the field for a malformed code, a malformed or oversize e-mail and unknown parameters', async () => {
    const { appointment } = await booking(at(3, '11:00'));
    const malformed = await t.app.inject({ method: 'GET', url: url('ABCD-1234'), headers: { 'booking-email': email, 'accept-language': 'en' } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toMatchObject({
      code: 'booking_code_invalid',
      message: expect.stringContaining('16 characters'),
      fields: [{ field: 'code', code: 'field_booking_code' }],
    });

    const badEmail = await t.app.inject({ method: 'GET', url: url(appointment.bookingCode), headers: { 'booking-email': 'not-an-address' } });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().error.fields).toEqual([{ field: 'booking-email', code: 'field_email', message: 'Bitte geben Sie eine gültige E-Mail-Adresse an' }]);

    const long = await t.app.inject({ method: 'GET', url: url(appointment.bookingCode), headers: { 'booking-email': `${'a'.repeat(250)}@example.org` } });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fields.map((f: { code: string }) => f.code)).toContain('field_too_long');

    const longCode = await t.app.inject({ method: 'GET', url: url('A'.repeat(41)), headers: { 'booking-email': email } });
    expect([longCode.statusCode, longCode.json().error.fields[0].code]).toEqual([400, 'field_too_long']);

    const missing = await t.app.inject({ method: 'GET', url: url(appointment.bookingCode) });
    expect(missing.json().error.fields).toEqual([{ field: 'booking-email', code: 'field_required', message: 'Pflichtfeld' }]);

    // The address never belongs in a URL: in the query string it is refused, not looked up.
    const inUrl = await t.app.inject({ method: 'GET', url: `${url(appointment.bookingCode)}?email=${encodeURIComponent(email)}`, headers: { 'booking-email': email } });
    expect(inUrl.statusCode).toBe(400);
    expect(inUrl.json()).not.toHaveProperty('bookingCode');
    const calendarInUrl = await t.app.inject({ method: 'GET', url: `${url(appointment.bookingCode)}/calendar.ics?email=${encodeURIComponent(email)}` });
    expect(calendarInUrl.statusCode).toBe(400);
  });
});

describe('POST /api/v1/appointments/by-code/:code/cancel', () => {
  it('cancels once; a second attempt is a 409 that changes nothing', async () => {
    const { appointment, slots } = await booking(at(4));
    const res = await t.app.inject({ method: 'POST', url: url(appointment.bookingCode, '/cancel'), payload: { email } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'CANCELLED', sequence: 1, cancellable: { allowed: false } });
    expect(
      (
        await slotBookkeeping(
          t.app.db,
          slots.map((s) => s.id),
        )
      ).map((s) => s.booked),
    ).toEqual([0, 0]);

    const before = await snapshot(appointment.id);
    const again = await t.app.inject({ method: 'POST', url: url(appointment.bookingCode, '/cancel'), payload: { email }, headers: { 'accept-language': 'en' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toEqual({ code: 'booking_not_cancellable', message: expect.stringContaining('can no longer be cancelled') });
    expect(await snapshot(appointment.id)).toEqual(before);
  });

  it("refuses to cancel a DONE appointment with a 409 in the citizen's language, keeping its slots", async () => {
    const { appointment } = await booking(at(4, '10:00'));
    await t.app.db.appointment.update({ where: { id: appointment.id }, data: { status: 'DONE' } });
    const before = await snapshot(appointment.id);
    const res = await t.app.inject({ method: 'POST', url: url(appointment.bookingCode, '/cancel'), payload: { email } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({ code: 'booking_not_cancellable', message: expect.stringContaining('nicht mehr abgesagt') });
    expect(await snapshot(appointment.id)).toEqual(before);
  });

  it('refuses bad input with a specific 4xx and leaves the booking as it was', async () => {
    const { appointment } = await booking(at(4, '09:00'));
    const before = await snapshot(appointment.id);
    const attempts = [
      { payload: { email: 'max@example.org' }, code: url(appointment.bookingCode, '/cancel'), status: 404, error: 'booking_not_found' },
      { payload: { email: 'nope' }, code: url(appointment.bookingCode, '/cancel'), status: 400, error: 'validation_failed' },
      { payload: { email, reason: 'x'.repeat(10) }, code: url(appointment.bookingCode, '/cancel'), status: 400, error: 'validation_failed' },
      { payload: { email }, code: url('XXXX', '/cancel'), status: 400, error: 'booking_code_invalid' },
      { payload: { email }, code: url('0000-0000-0000-0000', '/cancel'), status: 404, error: 'booking_not_found' },
      { payload: {}, code: url(appointment.bookingCode, '/cancel'), status: 400, error: 'validation_failed' },
    ];
    for (const a of attempts) {
      const res = await t.app.inject({ method: 'POST', url: a.code, payload: a.payload });
      expect([res.statusCode, res.json().error.code]).toEqual([a.status, a.error]);
    }
    const huge = await t.app.inject({ method: 'POST', url: url(appointment.bookingCode, '/cancel'), payload: { email: `${'a'.repeat(70_000)}@example.org` } });
    expect([huge.statusCode, huge.json().error.code]).toEqual([413, 'payload_too_large']);
    expect(await snapshot(appointment.id)).toEqual(before);
  });

  it('refuses after the cancellation deadline with the deadline in the message', async () => {
    const soon = new Date(Date.now() + 90 * 60_000);
    const { appointment } = await booking(new Date(Math.ceil(soon.getTime() / 60_000) * 60_000));
    const before = await snapshot(appointment.id);
    const res = await t.app.inject({ method: 'POST', url: url(appointment.bookingCode, '/cancel'), payload: { email } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({ code: 'cancellation_deadline_passed', message: expect.stringContaining('120 Minuten') });
    expect(await snapshot(appointment.id)).toEqual(before);
  });
});

describe('POST /api/v1/appointments/by-code/:code/reschedule', () => {
  it('moves the booking to free slots and bumps the sequence', async () => {
    const { appointment, slots } = await booking(at(5));
    const target = await createSlots(t.app.db, { locationId: demo.mitteId, startsAt: at(6, '13:00'), count: 2 });
    const res = await t.app.inject({ method: 'POST', url: url(appointment.bookingCode, '/reschedule'), payload: { email, startsAt: target[0]!.startsAt.toISOString() } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ startsAt: target[0]!.startsAt.toISOString(), endsAt: target[1]!.endsAt.toISOString(), sequence: 1 });
    expect(
      (
        await slotBookkeeping(
          t.app.db,
          [...slots, ...target].map((s) => s.id),
        )
      ).map((s) => [s.booked, s.held]),
    ).toEqual([
      [0, 0],
      [0, 0],
      [1, 1],
      [1, 1],
    ]);
  });

  it('refuses full, missing, too early and too distant slots with specific messages and changes nothing', async () => {
    const { appointment } = await booking(at(5, '10:00'));
    const full = await createSlots(t.app.db, { locationId: demo.mitteId, startsAt: at(6, '15:00'), count: 2 });
    await bookDirectly(t.app.db, {
      tenantId: demo.tenantId,
      locationId: demo.mitteId,
      serviceId: demo.services.personalausweis!,
      slots: [full[1]!],
      email: 'other@example.org',
      contactHashSecret: t.config.CONTACT_HASH_SECRET,
    });
    const before = await snapshot(appointment.id);
    const cases: { startsAt: string; body?: Record<string, unknown>; status: number; code: string; en: RegExp }[] = [
      { startsAt: full[0]!.startsAt.toISOString(), status: 409, code: 'slot_full', en: /just been taken/ },
      { startsAt: at(6, '23:00').toISOString(), status: 409, code: 'slot_not_available', en: /No appointments are offered/ },
      { startsAt: new Date(Date.now() - 3_600_000).toISOString(), status: 400, code: 'slot_in_past', en: /in the past/ },
      { startsAt: new Date(Date.now() + 10 * 60_000).toISOString(), status: 400, code: 'slot_too_soon', en: /at least 60 minutes/ },
      { startsAt: at(70).toISOString(), status: 400, code: 'slot_beyond_horizon', en: /at most 60 days/ },
      { startsAt: '2031-13-45T99:00:00Z', status: 400, code: 'validation_failed', en: /check your input/ },
      { startsAt: at(6).toISOString(), body: { email: 'max@example.org' }, status: 404, code: 'booking_not_found', en: /no appointment/ },
      { startsAt: at(6).toISOString(), body: { note: 'y'.repeat(5000) }, status: 400, code: 'validation_failed', en: /check your input/ },
    ];
    for (const c of cases) {
      const res = await t.app.inject({
        method: 'POST',
        url: url(appointment.bookingCode, '/reschedule'),
        headers: { 'accept-language': 'en' },
        payload: { email, startsAt: c.startsAt, ...c.body },
      });
      expect([res.statusCode, res.json().error.code], c.code).toEqual([c.status, c.code]);
      expect(res.json().error.message).toMatch(c.en);
      const german = await t.app.inject({ method: 'POST', url: url(appointment.bookingCode, '/reschedule'), payload: { email, startsAt: c.startsAt, ...c.body } });
      expect(german.json().error.message).not.toBe(res.json().error.message);
    }
    expect(await snapshot(appointment.id)).toEqual(before);
  });

  it('refuses to move a cancelled booking', async () => {
    const { appointment } = await booking(at(5, '12:00'));
    const target = await createSlots(t.app.db, { locationId: demo.mitteId, startsAt: at(7, '12:00'), count: 2 });
    await t.app.inject({ method: 'POST', url: url(appointment.bookingCode, '/cancel'), payload: { email } });
    const res = await t.app.inject({ method: 'POST', url: url(appointment.bookingCode, '/reschedule'), payload: { email, startsAt: target[0]!.startsAt.toISOString() } });
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'booking_not_reschedulable']);
    expect(
      (
        await slotBookkeeping(
          t.app.db,
          target.map((s) => s.id),
        )
      ).map((s) => s.booked),
    ).toEqual([0, 0]);
  });
});

describe('privacy', () => {
  it('never writes the e-mail address to the log, from query or body', async () => {
    const { appointment } = await booking(at(9));
    await t.app.inject({ method: 'GET', url: url(appointment.bookingCode), headers: { 'booking-email': email } });
    await t.app.inject({ method: 'POST', url: url(appointment.bookingCode, '/cancel'), payload: { email: 'wrong.person@example.org' } });
    await t.app.inject({ method: 'POST', url: url(appointment.bookingCode, '/reschedule'), payload: { email, startsAt: 'soon' } });
    const logs = t.logs().toLowerCase();
    expect(logs).toContain('/cancel');
    for (const value of ['erika.muster', 'wrong.person', 'example.org']) expect(logs).not.toContain(value);
  });
});

describe('rate limit and documentation', () => {
  it('limits lookups per IP to RATE_LIMIT_BOOKING_MAX', async () => {
    const limited = await createTestApp({ RATE_LIMIT_BOOKING_MAX: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await limited.app.inject({ method: 'GET', url: url('0000-0000-0000-0000'), headers: { 'booking-email': email }, remoteAddress: '203.0.113.20' });
        statuses.push(res.statusCode);
      }
      expect(statuses).toEqual([404, 404, 404, 429, 429]);
    } finally {
      await limited.close();
    }
  });

  it('documents the routes in the OpenAPI description', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(
      expect.arrayContaining(['/api/v1/appointments/by-code/{code}', '/api/v1/appointments/by-code/{code}/reschedule', '/api/v1/appointments/by-code/{code}/qr.png']),
    );
  });
});
