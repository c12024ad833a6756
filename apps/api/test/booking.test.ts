import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';
import { seedBookingFixtures, type BookingFixtures } from './support/booking-fixtures';

let t: TestApp;
let fx: BookingFixtures;

beforeAll(async () => {
  t = await createTestApp({ CITIZEN_BASE_URL: 'https://termine.example.org' });
  fx = await seedBookingFixtures(t.app.db);
});
afterAll(() => t.close());
beforeEach(async () => {
  const db = t.app.db;
  await db.appointment.deleteMany();
  await db.outboxEvent.deleteMany();
  await db.contactHistory.deleteMany();
  await db.timeSlot.updateMany({ data: { booked: 0 } });
});

function request(overrides: Record<string, unknown> = {}) {
  return {
    tenant: 'demo',
    locationId: fx.mitteId,
    serviceId: fx.services.personalausweis,
    startsAt: fx.at('10:00').toISOString(),
    citizen: { name: 'Erika Mustermann', email: 'erika@example.org' },
    smsOptIn: false,
    language: 'de',
    consent: true,
    ...overrides,
  };
}

const book = (body: unknown, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url: '/api/v1/appointments', payload: body as object, headers });

const counts = async () => {
  const db = t.app.db;
  const [appointments, outbox, booked] = await Promise.all([db.appointment.count(), db.outboxEvent.count(), db.timeSlot.aggregate({ _sum: { booked: true } })]);
  return { appointments, outbox, booked: booked._sum.booked ?? 0 };
};

describe('POST /api/v1/appointments', () => {
  it('books a slot: 201 with code, times and links, and every row written in one go', async () => {
    const res = await book(request());
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      status: 'PENDING',
      startsAt: fx.at('10:00').toISOString(),
      endsAt: fx.at('10:15').toISOString(),
      timezone: 'Europe/Berlin',
      location: { name: 'Bürgeramt Mitte', address: 'Karl-Marx-Allee 31, 10178 Berlin' },
      service: { nameDe: 'Personalausweis beantragen', nameEn: 'Apply for an identity card' },
    });
    expect(body.bookingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(body.links).toEqual({
      manage: `https://termine.example.org/manage/${body.bookingCode}`,
      checkin: `https://termine.example.org/checkin/${body.bookingCode}`,
    });
    expect(res.body).not.toContain('erika@example.org');
    expect(res.body).not.toContain('Mustermann');

    const db = t.app.db;
    const stored = await db.appointment.findUniqueOrThrow({ where: { id: body.id }, include: { slots: { include: { slot: true } } } });
    expect(stored).toMatchObject({ status: 'PENDING', citizenEmail: 'erika@example.org', language: 'de', noShowScore: expect.any(Number) });
    expect(body).not.toHaveProperty('noShowRisk');
    expect(stored.contactHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.slots.map((s) => s.slot.startsAt.toISOString())).toEqual([fx.at('10:00').toISOString()]);
    expect(stored.slots[0]!.slot.booked).toBe(1);
    const outbox = await db.outboxEvent.findMany();
    expect(outbox).toEqual([expect.objectContaining({ type: 'appointment.booked', payload: { appointmentId: body.id, sequence: 0 } })]);
    expect(await db.contactHistory.findFirst()).toMatchObject({ contactHash: stored.contactHash, appointments: 1 });

    // The start is no longer offered once all four counters are taken; until then it stays.
    const free = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tenants/demo/locations/${fx.mitteId}/availability/slots?serviceId=${fx.services.personalausweis}&date=${fx.day}`,
    });
    expect(free.json().slots.map((s: { localTime: string }) => s.localTime)).toContain('10:00');
  });

  it('takes two back-to-back slots for a 30-minute service', async () => {
    const res = await book(request({ locationId: fx.kfzId, serviceId: fx.services['kfz-zulassung'], startsAt: fx.at('09:00').toISOString() }));
    expect(res.statusCode).toBe(201);
    expect(res.json().endsAt).toBe(fx.at('09:30').toISOString());
    const slots = await t.app.db.timeSlot.findMany({ where: { locationId: fx.kfzId, booked: 1 }, orderBy: { startsAt: 'asc' } });
    expect(slots.map((s) => s.startsAt.toISOString())).toEqual([fx.at('09:00').toISOString(), fx.at('09:15').toISOString()]);
  });

  it('refuses a 30-minute service whose second slot is full, without keeping the first', async () => {
    await t.app.db.timeSlot.updateMany({ where: { locationId: fx.kfzId, startsAt: fx.at('09:15') }, data: { booked: 2 } });
    const res = await book(request({ locationId: fx.kfzId, serviceId: fx.services['kfz-zulassung'], startsAt: fx.at('09:00').toISOString() }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('slot_full');
    const first = await t.app.db.timeSlot.findFirstOrThrow({ where: { locationId: fx.kfzId, startsAt: fx.at('09:00') } });
    expect(first.booked).toBe(0);
    expect(await t.app.db.appointment.count()).toBe(0);
  });

  it('answers a retry with the same Idempotency-Key with the same booking and 200, once', async () => {
    const first = await book(request(), { 'idempotency-key': 'retry-1' });
    const second = await book(request(), { 'idempotency-key': 'retry-1' });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json().bookingCode).toBe(first.json().bookingCode);
    expect(await counts()).toEqual({ appointments: 1, outbox: 1, booked: 1 });

    const other = await book(request({ startsAt: fx.at('10:15').toISOString() }), { 'idempotency-key': 'retry-1' });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('idempotency_key_reused');
  });

  it('stops a contact at the daily limit, however the email is spelled', async () => {
    expect((await book(request({ startsAt: fx.at('08:00').toISOString() }))).statusCode).toBe(201);
    expect((await book(request({ startsAt: fx.at('08:15').toISOString(), citizen: { name: 'E. M.', email: 'Erika@Example.ORG' } }))).statusCode).toBe(201);
    const third = await book(request({ startsAt: fx.at('08:30').toISOString() }));
    expect(third.statusCode).toBe(409);
    expect(third.json().error).toMatchObject({ code: 'booking_limit_reached', message: expect.stringContaining('2 Termine') });
    // Another citizen is not affected.
    expect((await book(request({ startsAt: fx.at('08:30').toISOString(), citizen: { name: 'Max', email: 'max@example.org' } }))).statusCode).toBe(201);
  });

  it('refuses bad requests with specific 4xx codes and changes nothing', async () => {
    const existing = (await book(request({ startsAt: fx.at('11:00').toISOString(), citizen: { name: 'Max', email: 'max@example.org' } }))).json();
    await t.app.db.timeSlot.updateMany({ where: { locationId: fx.mitteId, startsAt: fx.at('11:30') }, data: { booked: 4 } });
    const before = await counts();
    const cases: [string, unknown, number, string][] = [
      ['unknown slot', request({ startsAt: fx.at('10:07').toISOString() }), 404, 'slot_not_found'],
      ['slot outside opening hours', request({ startsAt: fx.at('19:00').toISOString() }), 404, 'slot_not_found'],
      ['past slot', request({ startsAt: new Date(Date.now() - 3_600_000).toISOString() }), 400, 'slot_in_past'],
      ['within lead time', request({ startsAt: new Date(Date.now() + 10 * 60_000).toISOString() }), 400, 'too_soon'],
      ['beyond horizon', request({ startsAt: new Date(Date.now() + 400 * 86_400_000).toISOString() }), 400, 'beyond_horizon'],
      ['full slot', request({ startsAt: fx.at('11:30').toISOString() }), 409, 'slot_full'],
      ['malformed email', request({ citizen: { name: 'Erika', email: 'erika@' } }), 400, 'validation_failed'],
      ['oversize name', request({ citizen: { name: 'x'.repeat(101), email: 'erika@example.org' } }), 400, 'validation_failed'],
      ['control character in name', request({ citizen: { name: 'Erika\u0000', email: 'erika@example.org' } }), 400, 'validation_failed'],
      ['broken UTF-16 in name', request({ citizen: { name: 'Erika \ud800', email: 'erika@example.org' } }), 400, 'validation_failed'],
      ['unknown tenant', request({ tenant: 'nowhere' }), 404, 'tenant_not_found'],
      ['office of another tenant', request({ locationId: fx.otherTenantLocationId }), 404, 'location_not_found'],
      ['service not offered', request({ serviceId: fx.services['kfz-zulassung'] }), 404, 'service_not_offered'],
      ['missing consent', { ...request(), consent: undefined }, 400, 'validation_failed'],
      ['consent false', request({ consent: false }), 400, 'validation_failed'],
      ['SMS without phone', request({ smsOptIn: true }), 400, 'validation_failed'],
      ['unknown field', request({ admin: true }), 400, 'validation_failed'],
    ];
    for (const [name, body, status, code] of cases) {
      const res = await book(body);
      expect({ name, status: res.statusCode, code: res.json().error?.code }).toEqual({ name, status, code });
    }
    expect(await counts()).toEqual(before);
    expect(existing.bookingCode).toBeTruthy();
  });

  it('names the offending fields of a malformed request in the citizen language', async () => {
    const res = await book(request({ citizen: { name: 'x'.repeat(101), email: 'nope' } }), { 'accept-language': 'en' });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields;
    expect(fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'citizen.name', code: 'field_too_long', message: 'At most 100 characters' }),
        expect.objectContaining({ field: 'citizen.email', code: 'field_email' }),
      ]),
    );
    const sms = await book(request({ smsOptIn: true }), { 'accept-language': 'en' });
    expect(sms.json().error.fields).toEqual([expect.objectContaining({ field: 'smsOptIn', message: 'Please enter a phone number for SMS reminders' })]);
  });

  it.each([
    ['a right-to-left override (Cf)', 'Erika\u202Eakire'],
    ['a zero-width space (Cf)', 'Eri\u200Bka Mustermann'],
    ['a line separator (Zl)', 'Erika\u2028Ihr Termin entfällt'],
    ['a paragraph separator (Zp)', 'Erika\u2029Zahlen Sie 50 €'],
    ['a private-use character (Co)', 'Erika \uE000'],
  ])('refuses a name with %s with a clear 400 in German and English, booking nothing', async (_label, name) => {
    const before = await counts();
    const de = await book(request({ citizen: { name, email: 'erika@example.org' } }));
    expect(de.statusCode).toBe(400);
    expect(de.json().error.fields).toEqual([
      { field: 'citizen.name', code: 'field_name_characters', message: 'Der Name enthält unsichtbare Steuer- oder Trennzeichen. Bitte geben Sie ihn ohne diese ein.' },
    ]);
    const en = await book(request({ citizen: { name, email: 'erika@example.org' } }), { 'accept-language': 'en' });
    expect(en.statusCode).toBe(400);
    expect(en.json().error.fields[0].message).toBe('The name contains invisible control or separator characters. Please enter it without them.');
    expect(await counts()).toEqual(before);
  });

  it('still books names with accents, apostrophes, hyphens and non-Latin scripts', async () => {
    for (const [i, name] of ["Zoë O'Brien-Łukasiewicz", 'Ğül Şahin', 'Σοφία Παπαδοπούλου'].entries()) {
      const res = await book(request({ startsAt: fx.at(['08:00', '08:30', '09:00'][i]!).toISOString(), citizen: { name, email: `n${i}@example.org` } }));
      expect(res.statusCode, res.body).toBe(201);
    }
  });

  it('hands out booking codes that do not follow from one another', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 50; i++) {
      const time = ['08:00', '08:15', '08:30', '08:45', '09:00', '09:15', '09:30', '09:45', '10:00', '10:15', '10:30', '10:45', '11:00'][i % 13]!;
      const res = await book(request({ startsAt: fx.at(time).toISOString(), citizen: { name: `Bürger ${i}`, email: `b${i}@example.org` } }));
      expect(res.statusCode).toBe(201);
      codes.push(res.json().bookingCode);
    }
    expect(new Set(codes).size).toBe(50);
    const sorted = [...codes].sort();
    expect(sorted).not.toEqual(codes);
    // Random 80-bit codes: no two share their first eight characters.
    expect(new Set(codes.map((c) => c.slice(0, 9))).size).toBe(50);
  });
});
