import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type Db } from '@termin/db';
import { encodeLiveEvent, liveEventsChannel } from '@termin/jobs';
import { waitFor } from '@termin/testkit/wait';
import { buildApp, type App } from '../src/app';
import { createTestApp, type TestApp } from './support/test-app';
import { startTestIdentity, type DemoUser, type TestIdentity } from './support/identity';
import { seedAccessFixtures, type AccessFixtures } from './support/fixtures';
import { appointmentAt, firstCounter } from './support/queue-examples';
import { openSocket, type TestSocket } from './support/socket-client';
import { logCapture } from '@termin/testkit/log-capture';

let identity: TestIdentity;
let t: TestApp;
let db: Db;
let fx: AccessFixtures;
let urlA: string;
let urlB: string;
const sockets: TestSocket[] = [];
const extraApps: App[] = [];

/** Another API process on the same database and Redis prefix, listening on its own port. */
async function anotherInstance(overrides: Partial<TestApp['config']> = {}): Promise<{ app: App; url: string }> {
  const app = await buildApp({ config: { ...t.config, ...overrides }, logStream: logCapture('api') });
  extraApps.push(app);
  return { app, url: await app.listen({ port: 0, host: '127.0.0.1' }) };
}

async function socket(url: string, options = {}) {
  const s = await openSocket(url, options);
  sockets.push(s);
  return s;
}

async function subscribe(url: string, user: DemoUser | null, extra: Record<string, unknown> = {}) {
  const s = await socket(url);
  s.send({ type: 'subscribe', locationId: fx.mitteId, ...(user ? { token: await identity.tokenFor(user) } : {}), ...extra });
  return s;
}

async function as(user: DemoUser) {
  return { authorization: `Bearer ${await identity.tokenFor(user)}` };
}

beforeAll(async () => {
  identity = await startTestIdentity();
  t = await createTestApp({ OIDC_ISSUER: identity.issuer });
  db = createPrismaClient({ databaseUrl: t.database.url });
  fx = await seedAccessFixtures(db);
  // The demo municipality lets citizens check themselves in with the QR code at the entrance.
  await db.tenant.update({ where: { id: fx.demoTenantId }, data: { selfCheckinEnabled: true } });
  urlA = await t.app.listen({ port: 0, host: '127.0.0.1' });
  urlB = (await anotherInstance()).url;
});
afterAll(async () => {
  for (const s of sockets) s.ws.terminate();
  for (const app of extraApps) await app.close();
  await db?.$disconnect();
  await t?.close();
  await identity?.close();
});

describe('live queue across API instances', () => {
  it('delivers a check-in made through instance A to a staff socket on instance B', async () => {
    const staff = await subscribe(urlB, 'staff');
    expect(await staff.next('subscribed')).toEqual({ locationId: fx.mitteId, view: 'staff' });
    await staff.next('queue_update');
    const appointment = await appointmentAt(db, fx.mitteId);

    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/appointments/${appointment.id}/checkin`,
      headers: await as('staff'),
      payload: { locationId: fx.mitteId },
    });
    expect(res.statusCode, res.body).toBe(200);
    const ticket = res.json().queueEntry.ticketNumber;

    const announced = await staff.next('appointment_checkin', (d) => d.id === appointment.id);
    expect(announced).toMatchObject({ status: 'CHECKED_IN', ticketNumber: ticket, citizenName: 'Max Mustermann', locationId: fx.mitteId });
    const update = await staff.next('queue_update', (d) => d.some((e: { ticketNumber: string }) => e.ticketNumber === ticket));
    expect(update.find((e: { ticketNumber: string }) => e.ticketNumber === ticket)).toMatchObject({ status: 'WAITING', appointment: { id: appointment.id } });
    // The check-in went through the outbox too, for the worker.
    expect(await db.outboxEvent.count({ where: { type: 'appointment.checked_in', payload: { path: ['appointmentId'], equals: appointment.id } } })).toBe(1);
  });

  it('gives 50 concurrent check-ins over both instances 50 distinct, gap-free tickets', async () => {
    const service = await db.service.create({ data: { tenantId: fx.demoTenantId, slug: 'burst', nameDe: 'Ansturm', nameEn: 'Burst', ticketPrefix: 'B' } });
    await db.locationService.create({ data: { locationId: fx.mitteId, serviceId: service.id } });
    const now = new Date();
    const appointments = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        db.appointment.create({
          data: {
            tenantId: fx.demoTenantId,
            locationId: fx.mitteId,
            serviceId: service.id,
            startsAt: now,
            endsAt: new Date(now.getTime() + 15 * 60_000),
            status: 'CONFIRMED',
            bookingCode: `B${String(i).padStart(3, '0')}-0000-0000-0000`,
            contactHash: `h${i}`,
          },
        }),
      ),
    );
    const results = await Promise.all(
      appointments.map((a, i) =>
        fetch(`${i % 2 ? urlA : urlB}/api/v1/checkin/${a.bookingCode}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ locationId: fx.mitteId }),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as { ticketNumber: string } })),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(results.map((r) => r.body.ticketNumber).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `B${String(i + 1).padStart(3, '0')}`));
  });

  it('never shows a citizen’s name, e-mail, phone or booking code on a display socket', async () => {
    const display = await subscribe(urlA, 'display');
    expect(await display.next('subscribed')).toEqual({ locationId: fx.mitteId, view: 'display' });
    // A kiosk stands in public as well: it gets the display view even when it asks for more.
    const kiosk = await subscribe(urlB, 'kiosk', { view: 'staff' });
    expect(await kiosk.next('subscribed')).toEqual({ locationId: fx.mitteId, view: 'display' });

    const appointment = await appointmentAt(db, fx.mitteId);
    const checkin = await fetch(`${urlB}/api/v1/checkin/${appointment.bookingCode}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ locationId: fx.mitteId }),
    });
    const { ticketNumber } = (await checkin.json()) as { ticketNumber: string };
    await display.next('queue_update', (d) => d.some((e: { ticketNumber: string }) => e.ticketNumber === ticketNumber));
    const call = await t.app.inject({
      method: 'POST',
      url: `/api/v1/queue-entries/${(await db.queueEntry.findUniqueOrThrow({ where: { appointmentId: appointment.id } })).id}/call`,
      headers: await as('staff'),
      payload: { counterId: await firstCounter(db, fx.mitteId) },
    });
    expect(call.statusCode, call.body).toBe(200);
    expect(await display.next('next_ticket', (d) => d.ticket === ticketNumber)).toEqual({ ticket: ticketNumber, counter: '1' });
    await display.next('queue_update', (d) => d.some((e: { ticketNumber: string; status: string }) => e.ticketNumber === ticketNumber && e.status === 'CALLED'));
    await kiosk.next('next_ticket', (d) => d.ticket === ticketNumber);

    for (const s of [display, kiosk]) {
      expect(s.messages.length).toBeGreaterThanOrEqual(4);
      for (const message of s.messages) {
        const text = JSON.stringify(message);
        for (const secret of ['Max Mustermann', 'max@example.org', '+4915199999999', appointment.bookingCode, appointment.id]) {
          expect(text).not.toContain(secret);
        }
        expect(['subscribed', 'queue_update', 'next_ticket']).toContain(message.type);
        if (message.type === 'queue_update') {
          for (const entry of message.data as object[]) expect(Object.keys(entry).sort()).toEqual(['counter', 'status', 'ticketNumber']);
        }
      }
    }
  });
});

describe('appointment changes announced by the worker', () => {
  it('reach staff screens as appointment_update, and never the waiting-room display', async () => {
    const clerk = await subscribe(urlB, 'staff');
    await clerk.next('queue_update');
    const display = await subscribe(urlB, 'display');
    await display.next('queue_update');
    const appointment = await appointmentAt(db, fx.mitteId);
    const displaySeen = display.messages.length;
    const channel = liveEventsChannel(t.config.REDIS_PREFIX);
    // What the worker publishes after confirming a booking (apps/worker/src/live-events.ts) ...
    await t.app.redis.publish(
      channel,
      encodeLiveEvent({
        type: 'appointment_changed',
        locationId: fx.mitteId,
        appointmentId: appointment.id,
        change: 'confirmed',
        status: 'CONFIRMED',
        startsAt: appointment.startsAt.toISOString(),
      }),
    );
    // ... and after it a queue change, which the display does get: events of a location reach the
    // sockets in the order they were published, so once the display has this one it would have had the first.
    await t.app.redis.publish(channel, encodeLiveEvent({ type: 'changed', locationId: fx.mitteId }));
    expect(await clerk.next('appointment_update')).toMatchObject({ appointmentId: appointment.id, change: 'confirmed', status: 'CONFIRMED' });
    await waitFor('the later queue change on the display', () => display.messages.slice(displaySeen).some((m) => m.type === 'queue_update'));
    expect(display.messages.slice(displaySeen).map((m) => m.type)).toEqual(['queue_update']);
  });
});

describe('socket authentication', () => {
  it('refuses a subscription without a token or with a forged one', async () => {
    const none = await subscribe(urlA, null);
    expect(await none.next('error')).toMatchObject({ code: 'unauthorized', message: 'Bitte melden Sie sich an.' });
    expect((await none.closed).code).toBe(4401);
    const forged = await subscribe(urlA, null, { token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' });
    expect(await forged.next('error')).toMatchObject({ code: 'invalid_token' });
    expect((await forged.closed).code).toBe(4401);
    expect(none.messages.some((m) => m.type === 'queue_update')).toBe(false);
  });

  it("refuses a clerk's token for a location they are not assigned to", async () => {
    const kfzClerk = await subscribe(urlA, 'staff-kfz');
    expect(await kfzClerk.next('error')).toMatchObject({ code: 'location_not_found' });
    expect((await kfzClerk.closed).code).toBe(4404);
    const otherTenant = await subscribe(urlB, 'staff-other');
    expect(await otherTenant.next('error')).toMatchObject({ code: 'location_not_found' });
  });

  it('accepts a one-time socket ticket in place of a token, once', async () => {
    const issue = async () => (await t.app.inject({ method: 'POST', url: '/api/v1/socket-tickets', headers: await as('staff') })).json().ticket as string;
    const ticket = await issue();
    const clerk = await subscribe(urlB, null, { ticket });
    expect(await clerk.next('subscribed')).toEqual({ locationId: fx.mitteId, view: 'staff' });
    const replay = await subscribe(urlA, null, { ticket });
    expect(await replay.next('error')).toMatchObject({ code: 'invalid_token' });
    expect((await replay.closed).code).toBe(4401);
    // A ticket carries the user's scope: a Kfz clerk's ticket does not open Bürgeramt Mitte.
    const kfzTicket = (await t.app.inject({ method: 'POST', url: '/api/v1/socket-tickets', headers: await as('staff-kfz') })).json().ticket;
    const kfz = await subscribe(urlA, null, { ticket: kfzTicket });
    expect(await kfz.next('error')).toMatchObject({ code: 'location_not_found' });
  });

  it('lets sockets subscribe without a token only with DEV_OPEN_SOCKETS', async () => {
    const { url } = await anotherInstance({ DEV_OPEN_SOCKETS: true });
    const open = await subscribe(url, null);
    expect(await open.next('subscribed')).toEqual({ locationId: fx.mitteId, view: 'display' });
    const update = await open.next('queue_update');
    expect(Array.isArray(update)).toBe(true);
  });
});

describe('heartbeat', () => {
  it('drops a socket that stops answering pings and keeps one that answers', async () => {
    const { url } = await anotherInstance({ WS_HEARTBEAT_MS: 150 });
    const dead = await socket(url, { autoPong: false });
    const healthy = await subscribe(url, 'display');
    let pingsAfterTheDrop = 0;
    await healthy.next('subscribed');
    const { code } = await dead.closed;
    expect(code).toBe(1006);
    healthy.ws.on('ping', () => pingsAfterTheDrop++);
    // Each ping comes after the server checked the answer to the one before: two of them mean the
    // healthy socket passed the check that dropped the dead one, and the one after it.
    await waitFor('two more heartbeats', () => pingsAfterTheDrop >= 2);
    expect(healthy.ws.readyState).toBe(healthy.ws.OPEN);
  });
});

describe('check-in refusals and the citizen’s position', () => {
  it('answers a booking code alone with no more than the citizen’s own check-in page: no location, no time', async () => {
    const appointment = await appointmentAt(db, fx.mitteId);
    const post = (code: string, locationId: string, lang = 'en') =>
      t.app.inject({ method: 'POST', url: `/api/v1/checkin/${code}`, payload: { locationId }, headers: { 'accept-language': lang } });
    const refused = { code: 'checkin_refused', message: expect.stringMatching(/^Check-in with this code is not possible here right now/) };
    // Tried against every public location, the code gets the same answer as an unknown code: the
    // office of its appointment is not revealed, and neither is the time (no "from HH:MM").
    const unknown = await post('ZZZZ-ZZZZ-ZZZZ-ZZZZ', fx.mitteId);
    const wrong = await post(appointment.bookingCode, fx.kfzId);
    for (const answer of [unknown, wrong]) {
      expect(answer.statusCode).toBe(409);
      expect(answer.json().error).toEqual(refused);
    }
    const early = await appointmentAt(db, fx.mitteId);
    await db.appointment.update({ where: { id: early.id }, data: { startsAt: new Date(Date.now() + 2 * 3600_000), endsAt: new Date(Date.now() + 2.25 * 3600_000) } });
    const tooEarly = await post(early.bookingCode, fx.mitteId, 'de');
    expect(tooEarly.statusCode).toBe(409);
    expect(tooEarly.json().error.code).toBe('checkin_refused');
    expect(tooEarly.body).not.toMatch(/\d{1,2}:\d{2}/);
    expect(await db.appointment.count({ where: { id: { in: [appointment.id, early.id] }, status: 'CONFIRMED' } })).toBe(2);

    expect((await post(appointment.bookingCode, fx.mitteId)).statusCode).toBe(200);
    const twice = await post(appointment.bookingCode, fx.mitteId, 'de');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toMatch(/bleibt Ihre Wartenummer gültig/);
    expect(await db.queueEntry.count({ where: { appointmentId: appointment.id } })).toBe(1);

    // The kiosk, signed in, still tells the citizen in front of it exactly what is wrong.
    const kiosk = await t.app.inject({
      method: 'POST',
      url: `/api/v1/kiosk/locations/${fx.mitteId}/checkin`,
      headers: { ...(await as('kiosk')), 'accept-language': 'de' },
      payload: { scan: early.bookingCode },
    });
    expect(kiosk.statusCode).toBe(409);
    expect(kiosk.json().error.message).toMatch(/frühestens 30 Minuten vor Ihrem Termin/);
  });

  it('refuses the public check-in where the municipality has not switched self-check-in on, changing nothing', async () => {
    const appointment = await appointmentAt(db, fx.mitteId);
    await db.tenant.update({ where: { id: fx.demoTenantId }, data: { selfCheckinEnabled: false } });
    try {
      const off = await t.app.inject({
        method: 'POST',
        url: `/api/v1/checkin/${appointment.bookingCode}`,
        payload: { locationId: fx.mitteId },
        headers: { 'accept-language': 'de' },
      });
      expect(off.statusCode).toBe(403);
      expect(off.json().error).toEqual({ code: 'self_checkin_off', message: 'An diesem Standort melden Sie sich bitte am Empfang oder am Terminal an.' });
      expect((await db.appointment.findUniqueOrThrow({ where: { id: appointment.id } })).status).toBe('CONFIRMED');
    } finally {
      await db.tenant.update({ where: { id: fx.demoTenantId }, data: { selfCheckinEnabled: true } });
    }
    // A new municipality starts with it off.
    expect((await db.location.findUniqueOrThrow({ where: { id: fx.otherTenantLocationId }, include: { tenant: true } })).tenant.selfCheckinEnabled).toBe(false);
  });

  it('tells a waiting citizen their position over HTTP and keeps their socket up to date', async () => {
    const appointment = await appointmentAt(db, fx.mitteId);
    const checkin = await t.app.inject({ method: 'POST', url: `/api/v1/checkin/${appointment.bookingCode}`, payload: { locationId: fx.mitteId } });
    expect(checkin.statusCode, checkin.body).toBe(200);
    const before = checkin.json();
    expect(before.status).toBe('WAITING');
    expect(before.position).toBeGreaterThanOrEqual(1);

    const phone = await socket(urlB);
    phone.send({ type: 'subscribe_position', bookingCode: appointment.bookingCode.toLowerCase() });
    expect(await phone.next('position_update')).toMatchObject({ ticketNumber: before.ticketNumber, position: before.position });

    const polled = await t.app.inject({ method: 'GET', url: `/api/v1/queue/position/${appointment.bookingCode}` });
    expect(polled.json()).toMatchObject({ ticketNumber: before.ticketNumber, status: 'WAITING' });

    const entry = await db.queueEntry.findUniqueOrThrow({ where: { appointmentId: appointment.id } });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/queue-entries/${entry.id}/call`,
      headers: await as('staff'),
      payload: { counterId: await firstCounter(db, fx.mitteId) },
    });
    expect(await phone.next('position_update', (d) => d.status === 'CALLED')).toMatchObject({ counter: '1', position: null });
    for (const message of phone.messages) expect(JSON.stringify(message)).not.toContain('Max Mustermann');

    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/queue/position/ZZZZ-ZZZZ-ZZZZ-ZZZZ', headers: { 'accept-language': 'en' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('queue_position_not_found');
  });

  it('tells a citizen’s socket about their own ticket only, never about another citizen’s', async () => {
    const checkIn = async (name: string) => {
      const appointment = await appointmentAt(db, fx.mitteId);
      await db.appointment.update({ where: { id: appointment.id }, data: { citizenName: name } });
      const answer = await t.app.inject({ method: 'POST', url: `/api/v1/checkin/${appointment.bookingCode}`, payload: { locationId: fx.mitteId } });
      expect(answer.statusCode, answer.body).toBe(200);
      const entry = await db.queueEntry.findUniqueOrThrow({ where: { appointmentId: appointment.id } });
      return { appointment, entry, ticket: answer.json().ticketNumber as string };
    };
    const first = await checkIn('Erste Wartende');
    const second = await checkIn('Zweiter Wartender');
    const mine = await socket(urlA);
    mine.send({ type: 'subscribe_position', bookingCode: second.appointment.bookingCode });
    const greeting = await mine.next('position_update');
    expect(greeting.ticketNumber).toBe(second.ticket);

    // The other citizen (ahead in the line) is called: this socket hears that it moved up, no more.
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/queue-entries/${first.entry.id}/call`,
      headers: await as('staff'),
      payload: { counterId: await firstCounter(db, fx.mitteId) },
    });
    const moved = await mine.next('position_update', (d) => d.position !== greeting.position);
    expect(moved).toEqual({
      locationId: fx.mitteId,
      ticketNumber: second.ticket,
      status: 'WAITING',
      position: greeting.position - 1,
      estimatedWaitMinutes: expect.toBeOneOf([null, expect.any(Number)]),
      counter: null,
    });

    expect(mine.messages.map((m) => m.type).every((type) => type === 'subscribed' || type === 'position_update')).toBe(true);
    const heard = JSON.stringify(mine.messages);
    for (const secret of [
      first.ticket,
      first.appointment.bookingCode,
      first.appointment.id,
      first.entry.id,
      second.entry.id,
      'Erste Wartende',
      'Zweiter Wartender',
      'max@example.org',
    ]) {
      expect(heard, secret).not.toContain(secret);
    }
  });

  it('runs a clerk’s day: walk-in, call next, recall, requeue, done, no-show, all audited', async () => {
    const headers = await as('staff');
    const counterId = await firstCounter(db, fx.mitteId);
    // Clear what earlier tests left waiting, so call-next takes our walk-in.
    await db.queueEntry.updateMany({ where: { locationId: fx.mitteId, status: { in: ['WAITING', 'CALLED'] } }, data: { status: 'DONE' } });
    const walkIn = await t.app.inject({ method: 'POST', url: `/api/v1/locations/${fx.mitteId}/queue/walk-ins`, headers, payload: { serviceId: fx.services.reisepass } });
    expect(walkIn.statusCode, walkIn.body).toBe(201);
    const id = walkIn.json().entry.id;
    expect(walkIn.json().entry.ticketNumber).toMatch(/^P\d{3}$/);
    const next = await t.app.inject({ method: 'POST', url: `/api/v1/locations/${fx.mitteId}/queue/call-next`, headers, payload: { counterId } });
    expect(next.json().entry).toMatchObject({ id, status: 'CALLED', counter: { name: '1' } });
    const post = (action: string) => t.app.inject({ method: 'POST', url: `/api/v1/queue-entries/${id}/${action}`, headers });
    expect((await post('recall')).json().entry.recallCount).toBe(1);
    expect((await post('requeue')).json().entry.status).toBe('WAITING');
    const stale = await post('complete');
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('queue_entry_wrong_status');
    await t.app.inject({ method: 'POST', url: `/api/v1/locations/${fx.mitteId}/queue/call-next`, headers, payload: { counterId } });
    expect((await post('no-show')).json().entry.status).toBe('NOSHOW');
    const empty = await t.app.inject({ method: 'POST', url: `/api/v1/locations/${fx.mitteId}/queue/call-next`, headers, payload: { counterId } });
    expect(empty.json()).toEqual({ entry: null });
    const audit = await db.auditLog.findMany({ where: { entityId: id }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['queue.walk_in', 'queue.call_next', 'queue.recall', 'queue.requeue', 'queue.call_next', 'queue.no_show']);
    expect(audit.every((a) => a.actorName === 'staff')).toBe(true);
  });
});
