import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';
import { seedBookingFixtures, type BookingFixtures } from './support/booking-fixtures';

/**
 * The booking budget per client address and per network (IPv4 /24, IPv6 /64). The API believes
 * X-Forwarded-For only from its trusted proxy (here loopback: the citizen app's server); the peer
 * of any other request is the address counted, whatever it writes.
 */
let t: TestApp;
let fx: BookingFixtures;
/** Free times at Bürgeramt Mitte, one for each booking of this file. */
let times: Date[] = [];

beforeAll(async () => {
  t = await createTestApp({ TRUST_PROXY: 'loopback', BOOKING_BUDGET_PER_ADDRESS: '2', BOOKING_BUDGET_PER_NETWORK: '3', BOOKING_BUDGET_WINDOW_MS: '3600000' });
  fx = await seedBookingFixtures(t.app.db);
  const slots = await t.app.db.timeSlot.findMany({ where: { locationId: fx.mitteId, startsAt: { gt: fx.at('00:00') } }, orderBy: { startsAt: 'asc' }, take: 40 });
  times = slots.map((slot) => slot.startsAt);
});
afterAll(() => t.close());

/** A booking by a new citizen at the next free time, sent by the citizen app for a visitor at `visitor`. */
function book(visitor: string, { lang = 'de', peer = '127.0.0.1', overrides = {} }: { lang?: string; peer?: string; overrides?: object } = {}) {
  const startsAt = times.shift()!;
  const n = times.length;
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/appointments',
    remoteAddress: peer,
    headers: { 'x-forwarded-for': visitor, 'accept-language': lang },
    payload: {
      tenant: 'demo',
      locationId: fx.mitteId,
      serviceId: fx.services.personalausweis,
      startsAt: startsAt.toISOString(),
      citizen: { name: 'Erika Mustermann', email: `erika${n}@example.org` },
      smsOptIn: false,
      language: 'de',
      consent: true,
      ...overrides,
    },
  });
}

describe('the booking budget per address and network', () => {
  it('refuses an address its third booking with 429, Retry-After and a message in the citizen’s language, booking nothing', async () => {
    expect((await book('203.0.113.5')).statusCode).toBe(201);
    expect((await book('203.0.113.5')).statusCode).toBe(201);
    const before = await t.app.db.appointment.count();
    const refused = await book('203.0.113.5');
    expect(refused.statusCode).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(refused.json().error).toMatchObject({ code: 'booking_budget_exceeded', message: expect.stringContaining('Minuten erneut') });
    const english = await book('203.0.113.5', { lang: 'en' });
    expect(english.json().error.message).toContain('Please try again in 60 minutes');
    // A day's window is told in hours.
    const daily = await createTestApp({ BOOKING_BUDGET_PER_ADDRESS: '1', BOOKING_BUDGET_WINDOW_MS: '86400000' });
    try {
      const once = () =>
        daily.app.inject({
          method: 'POST',
          url: '/api/v1/appointments',
          payload: {
            tenant: 'nowhere',
            locationId: fx.mitteId,
            serviceId: fx.mitteId,
            startsAt: fx.at('10:00').toISOString(),
            citizen: { name: 'A', email: 'a@example.org' },
            smsOptIn: false,
            language: 'de',
            consent: true,
          },
        });
      await daily.app.services.bookingBudget.reserve('127.0.0.1');
      expect((await once()).json().error.message).toContain('in 24 Stunden erneut');
    } finally {
      await daily.close();
    }
    expect(await t.app.db.appointment.count()).toBe(before);
  });

  it('counts the addresses of one /24 together, and no other network', async () => {
    // 203.0.113.5 holds two of the network's three places.
    expect((await book('203.0.113.77')).statusCode).toBe(201);
    expect((await book('203.0.113.78')).statusCode).toBe(429);
    expect((await book('198.51.100.1')).statusCode).toBe(201);
  });

  it('counts an IPv6 /64 together, however the addresses are written', async () => {
    expect((await book('2001:db8:1:2::1')).statusCode).toBe(201);
    expect((await book('2001:0db8:0001:0002:0000:0000:0000:0001')).statusCode).toBe(201);
    expect((await book('2001:db8:1:2:ffff::9')).statusCode).toBe(201);
    expect((await book('2001:db8:1:2:aaaa::1')).statusCode).toBe(429);
    expect((await book('2001:db8:1:3::1')).statusCode).toBe(201);
  });

  it('does not count refused bookings', async () => {
    // A time without a slot is refused; the address keeps its two bookings.
    for (let i = 0; i < 3; i++) expect((await book('192.0.2.10', { overrides: { startsAt: fx.at('03:00').toISOString() } })).statusCode).toBe(404);
    expect((await book('192.0.2.10')).statusCode).toBe(201);
    expect((await book('192.0.2.10')).statusCode).toBe(201);
  });

  it('counts the peer, not an X-Forwarded-For it wrote itself', async () => {
    // A client outside the trusted proxies cannot pick a fresh address for every booking.
    expect((await book('10.0.0.1', { peer: '100.64.0.200' })).statusCode).toBe(201);
    expect((await book('10.0.0.2', { peer: '100.64.0.200' })).statusCode).toBe(201);
    expect((await book('10.0.0.3', { peer: '100.64.0.200' })).statusCode).toBe(429);
  });

  it('lets racing bookings from one address take no more than its budget', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => book('233.252.0.9')));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 201, 429, 429, 429, 429, 429, 429]);
  });
});
