import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadApiConfig } from '@termin/config';
import { migrateDatabase } from '@termin/db';
import { DisposablePostgres } from '@termin/testkit/disposable-postgres';
import { createTestRedis, type TestRedis } from '@termin/testkit/redis';
import { waitFor } from '@termin/testkit/wait';
import { buildApp, type App } from '../src/app';
import { seedBookingFixtures, type BookingFixtures } from './support/booking-fixtures';
import { logCapture } from '@termin/testkit/log-capture';

// PostgreSQL restarted while citizens book: each one gets a booking or a clear "try again"
// (503 with Retry-After), never a 500 and never half a booking, and the API recovers by itself.
let postgres: DisposablePostgres;
let redis: TestRedis;
let app: App;
let fx: BookingFixtures;
/** Log lines of requests that failed unexpectedly (the 500 path). */
const failures: string[] = [];

beforeAll(async () => {
  postgres = await DisposablePostgres.start();
  await migrateDatabase(postgres.url);
  redis = await createTestRedis();
  const config = loadApiConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    REDIS_PREFIX: redis.prefix,
    CONTACT_HASH_SECRET: 'test-secret-test-secret-test-secret-00',
    RATE_LIMIT_MAX: '1000000',
    RATE_LIMIT_BOOKING_MAX: '1000000',
    BOOKING_BUDGET_PER_ADDRESS: '1000000',
    BOOKING_BUDGET_PER_NETWORK: '1000000',
  });
  const kept = logCapture('api');
  app = await buildApp({
    config,
    logStream: new Writable({
      write: (chunk, _encoding, done) => {
        kept.write(chunk);
        failures.push(
          ...String(chunk)
            .split('\n')
            .filter((line) => line.includes('"request failed"')),
        );
        done();
      },
    }),
  });
  await app.ready();
  fx = await seedBookingFixtures(app.db);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await redis?.cleanup();
  await postgres?.destroy();
});

it('answers 503 with Retry-After while the database restarts, writes every booking whole, and books again once it is back', async () => {
  const slots = await app.db.timeSlot.findMany({ where: { locationId: fx.mitteId }, orderBy: { startsAt: 'asc' }, select: { startsAt: true } });
  const answers: { phase: 'before' | 'down' | 'after'; status: number; retryAfter?: string; code?: string }[] = [];
  let phase: 'before' | 'down' | 'after' = 'before';
  let next = 0;
  let running = true;

  const client = async (id: number) => {
    while (running && next < slots.length) {
      const slot = slots[next++]!;
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/appointments',
        headers: { 'idempotency-key': `restart-${id}-${next}` },
        payload: {
          tenant: 'demo',
          locationId: fx.mitteId,
          serviceId: fx.services.personalausweis,
          startsAt: slot.startsAt.toISOString(),
          citizen: { name: 'Erika Mustermann', email: `erika.${next}@example.org` },
          smsOptIn: false,
          language: 'de',
          consent: true,
        },
      });
      const retryAfter = res.headers['retry-after'];
      answers.push({
        phase,
        status: res.statusCode,
        ...(retryAfter ? { retryAfter: String(retryAfter) } : {}),
        ...(res.statusCode === 201 ? { code: res.json().bookingCode } : {}),
      });
    }
  };
  const clients = Promise.all([1, 2, 3, 4].map(client));

  await waitFor('bookings before the restart', () => answers.filter((a) => a.status === 201).length >= 10);
  phase = 'down';
  await postgres.stop();
  await waitFor('refusals while the database is down', () => answers.filter((a) => a.phase === 'down' && a.status === 503).length >= 8);
  await postgres.start();
  phase = 'after';
  await waitFor('bookings again after the restart, without restarting the API', () => answers.filter((a) => a.phase === 'after' && a.status === 201).length >= 10, {
    timeoutMs: 30_000,
  });
  running = false;
  await clients;

  expect(answers.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);
  expect(failures).toEqual([]);
  const refused = answers.filter((a) => a.status === 503);
  expect(refused.length).toBeGreaterThanOrEqual(8);
  expect(refused.every((a) => a.retryAfter !== undefined && Number(a.retryAfter) >= 1)).toBe(true);

  // Every booking is whole: its slots counted, its outbox event written, in the one transaction.
  const db = app.db;
  const booked = answers.filter((a) => a.status === 201).map((a) => a.code!);
  const appointments = await db.appointment.findMany({ select: { id: true, bookingCode: true } });
  const codes = new Set(appointments.map((a) => a.bookingCode));
  expect(booked.every((code) => codes.has(code))).toBe(true);
  const heldSlots = await db.appointmentSlot.count();
  const counted = (await db.timeSlot.aggregate({ _sum: { booked: true } }))._sum.booked ?? 0;
  expect(counted).toBe(heldSlots);
  const events = await db.outboxEvent.findMany({ select: { payload: true } });
  const announced = new Set(events.map((e) => (e.payload as { appointmentId?: string }).appointmentId));
  expect(appointments.every((a) => announced.has(a.id))).toBe(true);
}, 120_000);
