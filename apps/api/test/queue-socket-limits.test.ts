import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type Db } from '@termin/db';
import { buildApp, type App } from '../src/app';
import { createTestApp, type TestApp } from './support/test-app';
import { seedAccessFixtures, type AccessFixtures } from './support/fixtures';
import { openSocket, type TestSocket } from './support/socket-client';
import { logCapture } from '@termin/testkit/log-capture';

/**
 * Abuse limits of the live-queue socket: a flood of subscribe frames, many sockets from one
 * address. Open sockets (DEV_OPEN_SOCKETS) let every frame cost a database query, as a token's
 * signature check would: a socket over its limit must be cut off before that work.
 */
let t: TestApp;
let db: Db;
let fx: AccessFixtures;
const sockets: TestSocket[] = [];
const apps: App[] = [];

/** An API process of its own (its own socket counters) on the test database, listening on a free port. */
async function instance(): Promise<string> {
  const app = await buildApp({ config: t.config, logStream: logCapture('api') });
  apps.push(app);
  return app.listen({ port: 0, host: '127.0.0.1' });
}

beforeAll(async () => {
  t = await createTestApp({
    DEV_OPEN_SOCKETS: 'true',
    WS_MESSAGES_PER_SOCKET: '3',
    WS_MESSAGES_PER_ADDRESS: '8',
    WS_SOCKETS_PER_ADDRESS: '4',
    RATE_LIMIT_WINDOW_MS: '600000',
  });
  db = createPrismaClient({ databaseUrl: t.database.url });
  fx = await seedAccessFixtures(db);
});
afterAll(async () => {
  for (const s of sockets) s.ws.terminate();
  for (const app of apps) await app.close();
  await db?.$disconnect();
  await t?.close();
});

async function socket(url: string) {
  const s = await openSocket(url);
  sockets.push(s);
  return s;
}

const subscribe = { type: 'subscribe', locationId: '', view: 'display' };
const subscribed = (s: TestSocket) => s.messages.filter((m) => m.type === 'subscribed').length;

async function closeAll() {
  for (const s of sockets.splice(0)) {
    s.ws.terminate();
    await s.closed;
  }
  // The server sees the closes a moment later.
  await new Promise((r) => setTimeout(r, 100));
}

describe('live-queue socket limits', () => {
  it('cuts a socket off at once when it floods subscribe frames, answering only those within its limit', async () => {
    const url = await instance();
    const flooder = await socket(url);
    for (let i = 0; i < 50; i++) flooder.send({ ...subscribe, locationId: fx.mitteId });
    const { code } = await flooder.closed;
    // 1006: no close handshake, the server terminated the connection.
    expect(code).toBe(1006);
    expect(subscribed(flooder)).toBeLessThanOrEqual(3);
    // A well-behaved screen is not affected.
    const screen = await socket(url);
    screen.send({ ...subscribe, locationId: fx.mitteId });
    expect(await screen.next('subscribed')).toEqual({ locationId: fx.mitteId, view: 'display' });
    await closeAll();
  });

  it('counts the messages of all sockets of one address together', async () => {
    const url = await instance();
    const first = await socket(url);
    const second = await socket(url);
    const third = await socket(url);
    const fourth = await socket(url);
    // 3 + 3 + 2 messages are the address's 8; each socket stays within its own 3.
    for (let i = 0; i < 3; i++) first.send({ ...subscribe, locationId: fx.mitteId });
    await waitForCount(first, 3);
    for (let i = 0; i < 3; i++) second.send({ ...subscribe, locationId: fx.mitteId });
    await waitForCount(second, 3);
    for (let i = 0; i < 2; i++) third.send({ ...subscribe, locationId: fx.mitteId });
    await waitForCount(third, 2);
    // The ninth message of the address is one too many, though it is the fourth socket's first.
    fourth.send({ ...subscribe, locationId: fx.mitteId });
    expect((await fourth.closed).code).toBe(1006);
    expect(subscribed(fourth)).toBe(0);
    expect(first.ws.readyState).toBe(first.ws.OPEN);
    await closeAll();
  });

  it('refuses more open sockets per address than configured, and accepts one again once another closed', async () => {
    const url = await instance();
    const open = [await socket(url), await socket(url), await socket(url), await socket(url)];
    const extra = await socket(url);
    expect((await extra.closed).code).toBe(1006);
    open[0]!.ws.terminate();
    await open[0]!.closed;
    await new Promise((r) => setTimeout(r, 100));
    const again = await socket(url);
    await new Promise((r) => setTimeout(r, 100));
    expect(again.ws.readyState).toBe(again.ws.OPEN);
    await closeAll();
  });
});

async function waitForCount(s: TestSocket, n: number) {
  for (let i = 0; i < n; i++) await s.next('subscribed', () => subscribed(s) >= i + 1);
}
