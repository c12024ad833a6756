import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPrismaClient, type Db } from '@termin/db';
import { createTestClock, type TestClock } from '@termin/testkit/clock';
import { createTestApp, type TestApp } from './support/test-app';
import { startTestIdentity, type DemoUser, type TestIdentity } from './support/identity';
import { seedAccessFixtures, type AccessFixtures } from './support/fixtures';
import { appointmentAt } from './support/queue-examples';
import { openSocket, type TestSocket } from './support/socket-client';

/**
 * A clerk's live socket carries citizens' names. Its access is that of the token behind it: when the
 * token expires the socket gets nothing more, and a renewed sign-in carries the rights as they are
 * now. The API's clock is a test clock (fresh for each test), so expiry is a step of the clock, not a wait.
 */
let identity: TestIdentity;
let t: TestApp;
let db: Db;
let fx: AccessFixtures;
let url: string;
let clock: TestClock;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  identity = await startTestIdentity();
  t = await createTestApp({ OIDC_ISSUER: identity.issuer }, { now: () => clock.now() });
  db = createPrismaClient({ databaseUrl: t.database.url });
  fx = await seedAccessFixtures(db);
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
beforeEach(() => {
  clock = createTestClock();
});
afterAll(async () => {
  for (const s of sockets) s.ws.terminate();
  await db?.$disconnect();
  await t?.close();
  await identity?.close();
});

async function ticketFor(token: string): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/socket-tickets', headers: { authorization: `Bearer ${token}` } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().ticket;
}

/** A clerk's screen at Bürgeramt Mitte, subscribed with a one-time ticket as the staff app does it. */
async function clerkScreen(token: string): Promise<TestSocket> {
  const s = await openSocket(url);
  sockets.push(s);
  s.send({ type: 'subscribe', locationId: fx.mitteId, ticket: await ticketFor(token), view: 'staff' });
  return s;
}

async function checkIn(user: DemoUser) {
  const appointment = await appointmentAt(db, fx.mitteId);
  const res = await t.app.inject({
    method: 'PATCH',
    url: `/api/v1/appointments/${appointment.id}/checkin`,
    headers: { authorization: `Bearer ${await identity.tokenFor(user)}` },
    payload: { locationId: fx.mitteId },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().queueEntry.ticketNumber as string;
}

/** What the screen got after the check-in of `ticket`: the queue with it, or the end of the socket. */
async function afterCheckIn(s: TestSocket, ticket: string) {
  const update = s
    .next('queue_update', (d) => d.some((e: { ticketNumber: string }) => e.ticketNumber === ticket))
    .then(
      () => 'queue with names' as const,
      () => 'nothing' as const,
    );
  return Promise.race([update, s.closed.then(({ code, reason }) => ({ code, reason }))]);
}

/** The token's `exp` claim in epoch ms, read from its payload as any holder of the token can. */
const expiryOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number }).exp * 1000;

describe('a staff socket when its token expires', () => {
  it('gets no further names: it is told token_expired and closed with 4401', async () => {
    const token = await identity.freshTokenFor('staff');
    const screen = await clerkScreen(token);
    expect(await screen.next('subscribed')).toEqual({ locationId: fx.mitteId, view: 'staff' });
    // While the token holds, the clerk sees who checked in.
    const first = await checkIn('staff');
    expect(await screen.next('appointment_checkin')).toMatchObject({ citizenName: 'Max Mustermann' });
    await screen.next('queue_update', (d) => d.some((e: { ticketNumber: string }) => e.ticketNumber === first));

    clock.advance(expiryOf(token) - clock.now().getTime() + 1_000);
    const seenBefore = screen.messages.length;
    const second = await checkIn('admin');
    expect(await afterCheckIn(screen, second)).toEqual({ code: 4401, reason: 'token_expired' });
    const after = screen.messages.slice(seenBefore);
    expect(after).toEqual([{ type: 'error', data: { code: 'token_expired', message: expect.stringContaining('abgelaufen') } }]);
    expect(JSON.stringify(after)).not.toContain('Mustermann');
  });

  it('refuses a ticket redeemed after the token it was issued for has expired', async () => {
    const token = await identity.freshTokenFor('staff');
    const ticket = await ticketFor(token);
    clock.advance(expiryOf(token) - clock.now().getTime() + 1_000);
    const s = await openSocket(url);
    sockets.push(s);
    s.send({ type: 'subscribe', locationId: fx.mitteId, ticket, view: 'staff' });
    expect(await s.next('error')).toMatchObject({ code: 'token_expired' });
    expect(await s.closed).toEqual({ code: 4401, reason: 'token_expired' });
    expect(s.messages.some((m) => m.type === 'queue_update')).toBe(false);
  });
});

describe('a staff socket when the clerk loses the location', () => {
  it('gets no further names once the token that carried the location is gone, and a renewed sign-in is refused', async () => {
    // The Kfz clerk is given Bürgeramt Mitte too, opens its queue, and the location is taken away again
    // in the identity provider's user administration.
    identity.setUserLocations('staff-kfz', ['kfz-zulassung', 'buergeramt-mitte']);
    const token = await identity.freshTokenFor('staff-kfz');
    const screen = await clerkScreen(token);
    expect(await screen.next('subscribed')).toEqual({ locationId: fx.mitteId, view: 'staff' });
    await checkIn('admin');
    expect(await screen.next('appointment_checkin')).toMatchObject({ citizenName: 'Max Mustermann' });
    identity.setUserLocations('staff-kfz', ['kfz-zulassung']);

    // The screen's next ticket comes with a renewed sign-in: it no longer opens Mitte.
    const renewed = await clerkScreen(await identity.freshTokenFor('staff-kfz'));
    expect(await renewed.next('error')).toMatchObject({ code: 'location_not_found' });
    expect((await renewed.closed).code).toBe(4404);

    // The old subscription ends with its token: the next check-in reaches neither screen.
    clock.advance(expiryOf(token) - clock.now().getTime() + 1_000);
    const seenBefore = screen.messages.length;
    const ticket = await checkIn('admin');
    expect(await afterCheckIn(screen, ticket)).toEqual({ code: 4401, reason: 'token_expired' });
    expect(JSON.stringify([...screen.messages.slice(seenBefore), ...renewed.messages])).not.toContain('Mustermann');
  });
});
