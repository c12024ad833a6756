import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDaysToLocalDate } from '@termin/domain';
import { createTestClock } from '@termin/testkit/clock';
import { waitFor } from '@termin/testkit/wait';
import { createTestApp, type TestApp } from './support/test-app';
import { seedBookingFixtures, type BookingFixtures } from './support/booking-fixtures';
import { startSlowLink } from './support/slow-link';
import { logCapture } from '@termin/testkit/log-capture';

let t: TestApp;
let fx: BookingFixtures;
/** Ages the cached answers: it moves only when a test says time has passed. */
const clock = createTestClock();

beforeAll(async () => {
  t = await createTestApp({}, { now: clock.now });
  fx = await seedBookingFixtures(t.app.db);
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.app.db.timeSlot.updateMany({ data: { booked: 0 } });
  await changedOutsideTheApi();
  await t.app.db.tenant.update({ where: { id: fx.demoTenantId }, data: { minLeadMinutes: 60, bookingHorizonDays: 60 } });
  await changedOutsideTheApi();
});

const base = '/api/v1/tenants';
/** Slots and rules changed straight in the database here, as admin tools will: they invalidate the cached free times. */
const changedOutsideTheApi = async () => {
  await t.app.availabilityCache.invalidate(fx.mitteId);
  await t.app.availabilityCache.invalidate(fx.kfzId);
};
const get = (url: string, lang: 'de' | 'en' = 'de') => t.app.inject({ method: 'GET', url, headers: { 'accept-language': lang } });
const slotsUrl = (locationId: string, serviceId: string, date: string) => `${base}/demo/locations/${locationId}/availability/slots?serviceId=${serviceId}&date=${date}`;
const daysUrl = (locationId: string, serviceId: string, from: string, to: string) =>
  `${base}/demo/locations/${locationId}/availability/days?serviceId=${serviceId}&from=${from}&to=${to}`;

describe('offices and services', () => {
  it('lists the offices of a municipality, and nothing of another', async () => {
    const res = await get(`${base}/demo/locations`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.map((l: { slug: string }) => l.slug).sort()).toEqual(['buergeramt-mitte', 'kfz-zulassung']);
    expect(body[0]).toEqual({ id: expect.any(String), slug: expect.any(String), name: expect.any(String), address: expect.any(String), timezone: 'Europe/Berlin' });
    expect(body.map((l: { id: string }) => l.id)).not.toContain(fx.otherTenantLocationId);
  });

  it('answers an unknown municipality with 404 tenant_not_found in German and English', async () => {
    const de = await get(`${base}/nowhere/locations`, 'de');
    expect(de.statusCode).toBe(404);
    expect(de.json().error).toMatchObject({ code: 'tenant_not_found', message: expect.stringContaining('Kommune') });
    const en = await get(`${base}/nowhere/locations`, 'en');
    expect(en.json().error).toMatchObject({ code: 'tenant_not_found', message: expect.stringContaining('municipality') });
  });

  it('lists the services an office offers with their duration', async () => {
    const res = await get(`${base}/demo/locations/${fx.kfzId}/services`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(
      expect.arrayContaining([
        {
          id: fx.services['kfz-zulassung'],
          slug: 'kfz-zulassung',
          nameDe: 'Fahrzeug zulassen',
          nameEn: 'Register a vehicle',
          durationMinutes: 30,
          documentsDe: null,
          documentsEn: null,
          documentsEasy: null,
        },
      ]),
    );
    expect(res.json()).toHaveLength(2);
  });

  it('does not reach an office of another municipality through this one', async () => {
    const res = await get(`${base}/demo/locations/${fx.otherTenantLocationId}/services`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('location_not_found');
  });
});

describe('free times', () => {
  it('offers every 15-minute start of a morning, in local time and as UTC instant, cacheable with revalidation', async () => {
    const res = await get(slotsUrl(fx.mitteId, fx.services.personalausweis!, fx.day));
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, no-cache');
    expect(res.headers.etag).toBeTruthy();
    const body = res.json();
    expect(body.timezone).toBe('Europe/Berlin');
    expect(body.slots[0]).toEqual({
      startsAt: fx.at('08:00').toISOString(),
      endsAt: fx.at('08:15').toISOString(),
      localTime: '08:00',
    });
    expect(body.slots.map((s: { localTime: string }) => s.localTime)).toContain('11:45');
    expect(body.slots.map((s: { localTime: string }) => s.localTime)).not.toContain('12:00');
  });

  it('offers a 30-minute service only where two free slots follow each other', async () => {
    const before = (await get(slotsUrl(fx.kfzId, fx.services['kfz-zulassung']!, fx.day))).json();
    const times = before.slots.map((s: { localTime: string }) => s.localTime);
    // 07:30–13:00 has 22 slots of 15 minutes; the last 30-minute start is 12:30.
    expect(times).toHaveLength(21);
    expect(times.at(-1)).toBe('12:30');
    expect(before.slots[0].endsAt).toBe(fx.at('08:00').toISOString());

    await t.app.db.timeSlot.updateMany({ where: { locationId: fx.kfzId, startsAt: fx.at('09:00') }, data: { booked: 2 } });

    await changedOutsideTheApi();
    const after = (await get(slotsUrl(fx.kfzId, fx.services['kfz-zulassung']!, fx.day))).json();
    const left = after.slots.map((s: { localTime: string }) => s.localTime);
    expect(left).not.toContain('08:45');
    expect(left).not.toContain('09:00');
    expect(left).toContain('08:30');
    expect(left).toContain('09:15');
    // The 15-minute service still gets 08:45.
    const short = (await get(slotsUrl(fx.kfzId, fx.services['kfz-abmeldung']!, fx.day))).json();
    expect(short.slots.map((s: { localTime: string }) => s.localTime)).toContain('08:45');
  });

  it('shows a start again as soon as one of several counters is free', async () => {
    await t.app.db.timeSlot.updateMany({ where: { locationId: fx.mitteId, startsAt: fx.at('10:00') }, data: { booked: 3 } });
    await changedOutsideTheApi();
    const res = (await get(slotsUrl(fx.mitteId, fx.services.personalausweis!, fx.day))).json();
    expect(res.slots.map((s: { localTime: string }) => s.localTime)).toContain('10:00');
    await t.app.db.timeSlot.updateMany({ where: { locationId: fx.mitteId, startsAt: fx.at('10:00') }, data: { booked: 4 } });
    await changedOutsideTheApi();
    const full = (await get(slotsUrl(fx.mitteId, fx.services.personalausweis!, fx.day))).json();
    expect(full.slots.map((s: { localTime: string }) => s.localTime)).not.toContain('10:00');
  });

  it('lists the days with a free start and drops a fully booked day', async () => {
    const to = addDaysToLocalDate(fx.day, 6);
    const before = (await get(daysUrl(fx.mitteId, fx.services.personalausweis!, fx.day, to))).json();
    expect(before.days[0]).toBe(fx.day);
    expect(before.days.length).toBeGreaterThanOrEqual(4);
    // No Saturdays or Sundays.
    expect(before.days.every((d: string) => ![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay()))).toBe(true);

    await t.app.db
      .$executeRaw`UPDATE "TimeSlot" SET booked = capacity WHERE "locationId" = ${fx.mitteId}::uuid AND "startsAt" >= ${fx.at('00:00')} AND "startsAt" < ${fx.at('23:59')}`;
    await changedOutsideTheApi();
    const after = (await get(daysUrl(fx.mitteId, fx.services.personalausweis!, fx.day, to))).json();
    expect(after.days).not.toContain(fx.day);
    expect(after.days).toEqual(before.days.slice(1));
  });

  it('respects the minimum lead time and the booking horizon', async () => {
    // Lead time up to 09:50 on the day: the first start left is 10:00.
    const lead = Math.ceil((fx.at('09:50').getTime() - Date.now()) / 60_000);
    await t.app.db.tenant.update({ where: { id: fx.demoTenantId }, data: { minLeadMinutes: lead } });
    await changedOutsideTheApi();
    const res = (await get(slotsUrl(fx.mitteId, fx.services.personalausweis!, fx.day))).json();
    expect(res.slots[0].localTime).toBe('10:00');

    await t.app.db.tenant.update({ where: { id: fx.demoTenantId }, data: { minLeadMinutes: 0, bookingHorizonDays: 1 } });

    await changedOutsideTheApi();
    const days = (await get(daysUrl(fx.mitteId, fx.services.personalausweis!, fx.day, addDaysToLocalDate(fx.day, 6)))).json();
    expect(days.days).toEqual([]);
  });

  it('refuses a service the office does not offer, an unknown service and an inverted range', async () => {
    const notOffered = await get(slotsUrl(fx.mitteId, fx.services['kfz-zulassung']!, fx.day), 'en');
    expect(notOffered.statusCode).toBe(404);
    expect(notOffered.json().error).toMatchObject({ code: 'service_not_offered', message: 'This service is not offered at this location.' });

    const unknown = await get(slotsUrl(fx.mitteId, '00000000-0000-4000-8000-000000000000', fx.day));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('service_not_found');

    const inverted = await get(daysUrl(fx.mitteId, fx.services.personalausweis!, fx.day, addDaysToLocalDate(fx.day, -1)));
    expect(inverted.statusCode).toBe(400);
    expect(inverted.json().error.code).toBe('invalid_date_range');

    const badDate = await get(slotsUrl(fx.mitteId, fx.services.personalausweis!, '2027-02-30'));
    expect(badDate.statusCode).toBe(400);
  });
});

describe('cached free times', () => {
  it('are fresh right after a booking, on every API instance, and unchanged answers revalidate with 304', async () => {
    const { buildApp } = await import('../src/app');
    const other = await buildApp({ config: t.config, logStream: logCapture('api') });
    try {
      const url = slotsUrl(fx.mitteId, fx.services.personalausweis!, fx.day);
      const first = await get(url);
      const etag = first.headers.etag as string;
      expect((await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } })).statusCode).toBe(304);
      // Fill the other instance's cache too, then book on this one.
      await other.inject({ method: 'GET', url });
      const slot = first.json().slots[0];
      const seatsLeft = await t.app.db.timeSlot.findFirstOrThrow({ where: { locationId: fx.mitteId, startsAt: new Date(slot.startsAt) } });
      for (let i = 0; i < seatsLeft.capacity; i++) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/appointments',
          payload: {
            tenant: 'demo',
            locationId: fx.mitteId,
            serviceId: fx.services.personalausweis,
            startsAt: slot.startsAt,
            citizen: { name: `Person ${i}`, email: `cache-${i}@example.org` },
            smsOptIn: false,
            language: 'de',
            consent: true,
          },
        });
        expect(res.statusCode).toBe(201);
      }
      const after = await other.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
      expect(after.statusCode).toBe(200);
      expect(after.json().slots.map((s: { startsAt: string }) => s.startsAt)).not.toContain(slot.startsAt);
      expect(after.headers.etag).not.toBe(etag);
    } finally {
      await other.close();
    }
  });
  it('never answer a read with a version looked up before the read began', async () => {
    const { buildApp } = await import('../src/app');
    // The other instance reaches Redis over a slow link: each lookup of the location's version
    // reaches Redis after 150 ms and its answer comes back 150 ms later.
    const link = await startSlowLink(new URL(t.config.REDIS_URL), 150);
    const other = await buildApp({
      config: { ...t.config, REDIS_URL: link.url },
      logStream: logCapture('api'),
    });
    try {
      const read = (answer: string) => other.availabilityCache.read(fx.mitteId, 'slots:test', async () => ({ answer }));
      // A read whose lookup Redis has answered, with the old version, while the answer is still on its way back ...
      const earlyLookupAnswered = link.answered(`availability:version:${fx.mitteId}`);
      const early = read('before the booking');
      await earlyLookupAnswered;
      // ... then a booking on this instance bumps the version ...
      await t.app.availabilityCache.invalidate(fx.mitteId);
      // ... so a read that begins now must wait for a lookup of its own instead of sharing the early one.
      const late = read('after the booking');
      expect(JSON.parse((await early).json)).toEqual({ answer: 'before the booking' });
      expect(JSON.parse((await late).json)).toEqual({ answer: 'after the booking' });
    } finally {
      await other.close();
      await link.close();
    }
  });

  it('refresh in the background when only the clock has moved on, so no reader waits for it', async () => {
    let computed = 0;
    let finishRefresh = () => {};
    const refreshHeld = new Promise<void>((resolve) => (finishRefresh = resolve));
    const read = async () => {
      const answer = await t.app.availabilityCache.read(fx.mitteId, 'slots:clock', async () => {
        const n = ++computed;
        // Every computation after the first takes until the test lets it finish.
        if (n > 1) await refreshHeld;
        return { n };
      });
      return JSON.parse(answer.json) as { n: number };
    };
    expect(await read()).toEqual({ n: 1 });
    clock.advance(5_100);
    // The first reader after five seconds gets the answer it would have got before, at once, while
    // its successor is still being computed; so does every reader meanwhile, computing nothing more ...
    expect(await read()).toEqual({ n: 1 });
    expect(computed).toBe(2);
    expect(await read()).toEqual({ n: 1 });
    expect(computed).toBe(2);
    finishRefresh();
    // ... and once it is there, readers get the answer computed meanwhile; a booking in between would have skipped all this.
    await waitFor('the refreshed answer', async () => (await read()).n === 2);
    expect(computed).toBe(2);
  });
});
