import ICAL from 'ical.js';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysToLocalDate, localDateOf, zonedToUtc } from '@termin/domain';
import { bookDirectly, createSlots, seedMunicipality, type DemoMunicipality } from '@termin/booking/testing/booked-appointment';
import { createTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let demo: DemoMunicipality;
beforeAll(async () => {
  t = await createTestApp({ CITIZEN_BASE_URL: 'https://termine.example.org/' });
  demo = await seedMunicipality(t.app.db);
});
afterAll(async () => t?.close());

const email = 'erika@example.org';
const tz = 'Europe/Berlin';
const url = (code: string, rest: string) => `/api/v1/appointments/by-code/${encodeURIComponent(code)}${rest}`;

async function booking(startsAt: Date) {
  const slots = await createSlots(t.app.db, { locationId: demo.mitteId, startsAt, count: 2 });
  return bookDirectly(t.app.db, {
    tenantId: demo.tenantId,
    locationId: demo.mitteId,
    serviceId: demo.services.personalausweis!,
    slots,
    email,
    contactHashSecret: t.config.CONTACT_HASH_SECRET,
  });
}

/** Reads a QR code from pixels, the way a scanner would. */
function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

/** Parses like a calendar client, resolving the TZID through the file's own VTIMEZONE. */
function parseIcs(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const zones = new Map(
    calendar.getAllSubcomponents('vtimezone').map((c) => {
      const zone = new ICAL.Timezone(c);
      return [zone.tzid, zone] as const;
    }),
  );
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  const prop = vevent.getFirstProperty('dtstart')!;
  const start = prop.getFirstValue() as ICAL.Time;
  const tzid = prop.getParameter('tzid') as string;
  start.zone = zones.get(tzid)!;
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: vevent.getFirstPropertyValue('uid'),
    sequence: Number(vevent.getFirstPropertyValue('sequence')),
    status: vevent.getFirstPropertyValue('status'),
    summary: vevent.getFirstPropertyValue('summary'),
    tzid,
    local: [start.hour, start.minute],
    instant: start.toJSDate().toISOString(),
  };
}

async function ics(code: string, lang?: 'en') {
  return t.app.inject({ method: 'GET', url: url(code, '/calendar.ics'), query: lang ? { lang } : {}, headers: { 'booking-email': email } });
}

describe('GET .../calendar.ics', () => {
  const year = new Date().getUTCFullYear() + 1;
  for (const [season, date] of [
    ['winter', `${year}-01-15`],
    ['summer', `${year}-07-15`],
  ] as const) {
    it(`puts a ${season} appointment at 08:00 Berlin time`, async () => {
      const startsAt = zonedToUtc(date, '08:00', tz);
      const a = await booking(startsAt);
      const res = await ics(a.bookingCode);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8; method=REQUEST');
      expect(res.headers['content-disposition']).toBe('attachment; filename="termin.ics"');
      expect(res.headers['cache-control']).toMatch(/^private/);
      const parsed = parseIcs(res.body);
      expect(parsed).toMatchObject({ method: 'REQUEST', uid: `${a.id}@termin`, sequence: 0, tzid: 'Europe/Berlin', local: [8, 0], instant: startsAt.toISOString() });
      expect(parsed.summary).toBe('Termin: Personalausweis beantragen');
      expect(res.body).toContain(`https://termine.example.org/manage/${a.bookingCode}`);
    });
  }

  it('bumps SEQUENCE after a reschedule and says METHOD:CANCEL after a cancellation', async () => {
    const day = addDaysToLocalDate(localDateOf(new Date(), tz), 5);
    const a = await booking(zonedToUtc(day, '08:00', tz));
    const target = await createSlots(t.app.db, { locationId: demo.mitteId, startsAt: zonedToUtc(day, '14:00', tz), count: 2 });
    const moved = await t.app.inject({ method: 'POST', url: url(a.bookingCode, '/reschedule'), payload: { email, startsAt: target[0]!.startsAt.toISOString() } });
    expect(moved.statusCode).toBe(200);
    expect(parseIcs((await ics(a.bookingCode)).body)).toMatchObject({ method: 'REQUEST', sequence: 1, local: [14, 0] });

    expect((await t.app.inject({ method: 'POST', url: url(a.bookingCode, '/cancel'), payload: { email } })).statusCode).toBe(200);
    const cancelled = await ics(a.bookingCode, 'en');
    expect(cancelled.headers['content-type']).toBe('text/calendar; charset=utf-8; method=CANCEL');
    expect(cancelled.headers['content-disposition']).toBe('attachment; filename="appointment.ics"');
    expect(parseIcs(cancelled.body)).toMatchObject({
      method: 'CANCEL',
      status: 'CANCELLED',
      sequence: 2,
      uid: `${a.id}@termin`,
      summary: 'Appointment: Apply for an identity card',
    });
  });

  it('needs the right e-mail: a wrong one is the same 404 as an unknown code', async () => {
    const a = await booking(zonedToUtc(addDaysToLocalDate(localDateOf(new Date(), tz), 8), '08:00', tz));
    const wrong = await t.app.inject({ method: 'GET', url: url(a.bookingCode, '/calendar.ics'), headers: { 'booking-email': 'max@example.org' } });
    const unknown = await t.app.inject({ method: 'GET', url: url('0000-0000-0000-0000', '/calendar.ics'), headers: { 'booking-email': email } });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toBe(unknown.body);
    const missing = await t.app.inject({ method: 'GET', url: url(a.bookingCode, '/calendar.ics') });
    expect([missing.statusCode, missing.json().error.fields[0]]).toEqual([400, expect.objectContaining({ field: 'booking-email', code: 'field_required' })]);
  });
});

describe('GET .../qr.png and .../qr.svg', () => {
  it('encodes only the public check-in address, without needing the e-mail', async () => {
    const a = await booking(zonedToUtc(addDaysToLocalDate(localDateOf(new Date(), tz), 9), '08:00', tz));
    const png = await t.app.inject({ method: 'GET', url: url(a.bookingCode.toLowerCase(), '/qr.png') });
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['cache-control']).toMatch(/^private/);
    expect(decodeQr(png.rawPayload)).toBe(`https://termine.example.org/checkin/${a.bookingCode}`);

    const svg = await t.app.inject({ method: 'GET', url: url(a.bookingCode, '/qr.svg') });
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(svg.headers['cache-control']).toMatch(/^private/);
    expect(svg.body).toMatch(/^<svg[^>]*viewBox/);
  });

  it('answers 404 for unknown codes and 400 for malformed ones, in the requested language', async () => {
    for (const ext of ['/qr.png', '/qr.svg']) {
      const unknown = await t.app.inject({ method: 'GET', url: url('0000-0000-0000-0000', ext), headers: { 'accept-language': 'en' } });
      expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'booking_not_found']);
      expect(unknown.json().error.message).toMatch(/no appointment/);
      const malformed = await t.app.inject({ method: 'GET', url: url('not-a-code', ext) });
      expect([malformed.statusCode, malformed.json().error.code]).toEqual([400, 'booking_code_invalid']);
      expect(malformed.json().error.message).toMatch(/kein gültiger Buchungscode/);
    }
  });
});
