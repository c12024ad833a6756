import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPrismaClient, type Db } from '@termin/db';
import { createTestDatabase, type TestDatabase } from '@termin/testkit/database';
import { createTestRedis, type TestRedis } from '@termin/testkit/redis';
import { waitFor } from '@termin/testkit/wait';
import { seedBookingFixtures, type BookingFixtures } from './support/booking-fixtures';
import { logCapture } from '@termin/testkit/log-capture';

// The real API process gets SIGTERM while citizens book (a deployment rolling a replica): what it
// had accepted is answered in full and kept, what came too late is refused without a trace, nothing
// is stored twice or without its answer, and the process exits 0 within its grace period.
const apiDir = path.resolve(import.meta.dirname, '..');
/** server.ts gives in-flight work this long (close-with-grace's delay) before it gives up. */
const GRACE_MS = 10_000;

let database: TestDatabase;
let redis: TestRedis;
let db: Db;
let fx: BookingFixtures;

beforeAll(async () => {
  database = await createTestDatabase();
  redis = await createTestRedis();
  db = createPrismaClient({ databaseUrl: database.url });
  fx = await seedBookingFixtures(db);
});
afterAll(async () => {
  await db?.$disconnect();
  await redis?.cleanup();
  await database?.drop();
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Outcome {
  email: string;
  status?: number;
  body?: string;
  /** The connection's error code when no answer came (refused, reset). */
  error?: string;
}

const bookingBody = (startsAt: Date, email: string) =>
  JSON.stringify({
    tenant: 'demo',
    locationId: fx.mitteId,
    serviceId: fx.services.personalausweis,
    startsAt: startsAt.toISOString(),
    citizen: { name: 'Erika Mustermann', email },
    smsOptIn: false,
    language: 'de',
    consent: true,
  });

/**
 * One booking on a connection of its own. With `holdBack`, the last bytes of the body are sent only
 * when `release` resolves: the server has read the headers, so the request is in flight.
 */
function book(port: number, body: string, email: string, holdBack?: { release: Promise<void>; sentHead: () => void }): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/appointments',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ email, status: res.statusCode, body: text }));
        res.on('error', (error: NodeJS.ErrnoException) => resolve({ email, status: res.statusCode, body: text, error: error.code ?? 'aborted' }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ email, error: error.code ?? error.message }));
    if (!holdBack) {
      req.end(body);
      return;
    }
    req.write(body.slice(0, -10), () => holdBack.sentHead());
    void holdBack.release.then(() => req.end(body.slice(-10)));
  });
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

// Up to 90 s: starting the real process (tsx compiles it on start) takes a while on a busy machine.
it('on SIGTERM under load answers every accepted booking in full, refuses new connections, stores nothing twice or unanswered and exits 0', async () => {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: apiDir,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      REDIS_PREFIX: redis.prefix,
      CONTACT_HASH_SECRET: 'x'.repeat(40),
      RATE_LIMIT_MAX: '1000000',
      RATE_LIMIT_BOOKING_MAX: '1000000',
      // All load comes from one address: the per-address booking budget would refuse most of it.
      BOOKING_BUDGET_PER_ADDRESS: '1000000',
      BOOKING_BUDGET_PER_NETWORK: '1000000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const kept = logCapture('api-process');
  child.stdout!.on('data', (d) => {
    output += d;
    kept.write(d);
  });
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.on('exit', (code) => resolve({ code, at: Date.now() })));
  try {
    await waitFor('the API to answer /ready', () => fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.status === 200), {
      timeoutMs: 40_000,
      intervalMs: 200,
    }).catch((error: Error) => {
      throw new Error(`${error.message}\n--- server output ---\n${output}`);
    });

    const slots = await db.timeSlot.findMany({ where: { locationId: fx.mitteId, startsAt: { gt: fx.at('00:00') } }, orderBy: { startsAt: 'asc' } });
    // Five bookings whose bodies are still on the wire when the signal comes (the first slots, kept for them).
    let releaseHeld!: () => void;
    const release = new Promise<void>((resolve) => (releaseHeld = resolve));
    let headsSent = 0;
    const held = slots
      .slice(0, 5)
      .map((slot, i) => book(port, bookingBody(slot.startsAt, `held.${i}@example.org`), `held.${i}@example.org`, { release, sentHead: () => headsSent++ }));

    // Twenty clients book the other slots one after another until the API is gone.
    const outcomes: Outcome[] = [];
    let next = 5;
    let sequence = 0;
    let stopped = false;
    const client = async () => {
      while (!stopped && next < slots.length) {
        const email = `load.${sequence++}@example.org`;
        const outcome = await book(port, bookingBody(slots[next++]!.startsAt, email), email);
        outcomes.push(outcome);
        if (outcome.error === 'ECONNREFUSED') return;
      }
    };
    const clients = Array.from({ length: 20 }, client);
    await waitFor('bookings to be answered under load', () => outcomes.filter((o) => o.status === 201).length >= 40 && headsSent === 5, {
      // A positive signal: on a busy machine the child API needs longer to answer the first 40.
      timeoutMs: 60_000,
    });

    const signalledAt = Date.now();
    child.kill('SIGTERM');
    await waitFor('the API to stop accepting connections', async () => !(await connects(port)), { timeoutMs: 5_000, intervalMs: 20 });
    // The held requests are still in flight: the process waits for them.
    expect(child.exitCode).toBeNull();
    releaseHeld();
    const heldOutcomes = await Promise.all(held);
    stopped = true;
    await Promise.all(clients);
    const exit = await exited;

    // Accepted before the signal: answered in full and booked.
    for (const outcome of heldOutcomes) {
      expect(outcome, output).toMatchObject({ status: 201 });
      expect(outcome.error).toBeUndefined();
      expect(JSON.parse(outcome.body!)).toMatchObject({ bookingCode: expect.any(String) });
    }
    // Every answer under load is whole: a booking, a full slot, or the closing server's "try again";
    // everything else is a connection the closed port refused or reset, never a 5xx error page.
    const refused = outcomes.filter((o) => o.status === undefined);
    expect(refused.length, 'some requests came after the port closed').toBeGreaterThan(0);
    for (const outcome of refused) expect(['ECONNREFUSED', 'ECONNRESET']).toContain(outcome.error);
    for (const outcome of outcomes.filter((o) => o.status !== undefined)) {
      expect(outcome.error, `${outcome.status} ${outcome.body}`).toBeUndefined();
      expect([201, 409, 503]).toContain(outcome.status);
      JSON.parse(outcome.body!);
    }

    // The database agrees with the answers: each 201 exactly once, nothing for any other request.
    const answered = [...heldOutcomes, ...outcomes];
    const stored = await db.appointment.groupBy({
      by: ['citizenEmail'],
      where: { citizenEmail: { in: answered.map((o) => o.email) } },
      _count: { _all: true },
    });
    const storedCount = new Map(stored.map((s) => [s.citizenEmail, s._count._all]));
    const booked = answered.filter((o) => o.status === 201);
    for (const outcome of booked) expect(storedCount.get(outcome.email), outcome.email).toBe(1);
    const unanswered = answered.filter((o) => o.status !== 201 && storedCount.has(o.email));
    expect(unanswered, 'stored without a 201 answer').toEqual([]);
    const codes = booked.map((o) => (JSON.parse(o.body!) as { bookingCode: string }).bookingCode);
    expect(await db.appointment.count({ where: { bookingCode: { in: codes } } })).toBe(codes.length);

    expect(exit.code, output).toBe(0);
    expect(exit.at - signalledAt).toBeLessThan(GRACE_MS);
    expect(output).toContain('shutting down');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}, 120_000);
