import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBookingCode } from '@termin/domain';
import { createTestApp, type TestApp } from './support/test-app';
import { startTestIdentity, type TestIdentity } from './support/identity';
import { seedBookingFixtures, type BookingFixtures } from './support/booking-fixtures';

const METRICS_TOKEN = 'scrape-token-for-the-metrics-test-0123456789';
let identity: TestIdentity;
let t: TestApp;
let fx: BookingFixtures;

beforeAll(async () => {
  identity = await startTestIdentity();
  t = await createTestApp({ OIDC_ISSUER: identity.issuer, METRICS_TOKEN });
  fx = await seedBookingFixtures(t.app.db);
});
afterAll(async () => {
  await t?.close();
  await identity?.close();
});

const scrape = (authorization?: string) => t.app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });

/** The value of one series in the Prometheus text, or undefined when it is not there. */
function series(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe('GET /metrics', () => {
  it('does not exist for a caller without the scrape token', async () => {
    expect((await scrape()).statusCode).toBe(404);
    expect((await scrape(`Bearer ${METRICS_TOKEN.slice(0, -1)}x`)).statusCode).toBe(404);
    expect((await scrape(`Bearer ${await identity.tokenFor('admin')}`)).statusCode).toBe(404);
  });

  it('counts a booking and a check-in and times each route by its pattern, never quoting a booking code', async () => {
    const before = (await scrape(`Bearer ${METRICS_TOKEN}`)).body;
    expect(series(before, 'termin_bookings_total')).toBe(0);
    expect(series(before, 'termin_checkins_total')).toBe(0);

    const book = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/appointments',
        payload: {
          tenant: 'demo',
          locationId: fx.mitteId,
          serviceId: fx.services.personalausweis,
          startsAt: fx.at('10:00').toISOString(),
          citizen: { name: 'Erika Mustermann', email: 'erika@example.org' },
          smsOptIn: false,
          language: 'de',
          consent: true,
        },
        headers: { 'idempotency-key': 'metrics-test-booking-1' },
      });
    const booking = await book();
    expect(booking.statusCode).toBe(201);
    // The same request again answers the same booking (200): not a second booking.
    expect((await book()).statusCode).toBe(200);

    const db = t.app.db;
    const offered = await db.locationService.findFirstOrThrow({ where: { locationId: fx.mitteId } });
    const now = new Date();
    const today = await db.appointment.create({
      data: {
        tenantId: (await db.location.findUniqueOrThrow({ where: { id: fx.mitteId } })).tenantId,
        locationId: fx.mitteId,
        serviceId: offered.serviceId,
        startsAt: now,
        endsAt: new Date(now.getTime() + 15 * 60_000),
        status: 'CONFIRMED',
        bookingCode: generateBookingCode(),
        citizenName: 'Jetzt Da',
        contactHash: 'f'.repeat(64),
      },
    });
    const checkin = await t.app.inject({
      method: 'POST',
      url: `/api/v1/kiosk/locations/${fx.mitteId}/checkin`,
      payload: { scan: today.bookingCode },
      headers: { authorization: `Bearer ${await identity.tokenFor('kiosk')}` },
    });
    expect(checkin.statusCode).toBe(200);

    const res = await scrape(`Bearer ${METRICS_TOKEN}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(series(text, 'termin_bookings_total')).toBe(1);
    expect(series(text, 'termin_checkins_total')).toBe(1);
    expect(text).toMatch(/termin_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/appointments",status="201"\} 1/);
    expect(text).toMatch(
      /termin_http_request_duration_seconds_bucket\{le="0\.5",method="POST",route="\/api\/v1\/kiosk\/locations\/:locationId\/checkin",status="200"\} 1/,
    );
    expect(text).toContain('termin_api_process_cpu_seconds_total');
    expect(text).not.toContain(today.bookingCode);
    expect(text).not.toContain(booking.json().bookingCode);
  });
});
