import { describe, expect, it } from 'vitest';
import { localDateOf } from '@termin/domain';
import { useAccessApp, type AccessApp } from './support/access-app';
import type { DemoUser } from './support/identity';

let { identity, t, db, fx } = {} as AccessApp;

useAccessApp({}, (app) => ({ identity, t, db, fx } = app));

async function as(user: DemoUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, lang = 'de') {
  return t.app.inject({ method, url, headers: { authorization: `Bearer ${await identity.tokenFor(user)}`, 'accept-language': lang }, ...(payload ? { payload } : {}) });
}

const counter = async (name: string) => (await db.counter.findFirstOrThrow({ where: { locationId: fx.mitteId, name } })).id;

async function walkIn(): Promise<{ id: string; ticketNumber: string }> {
  const res = await as('staff', 'POST', `/api/v1/locations/${fx.mitteId}/queue/walk-ins`, { serviceId: fx.services.personalausweis });
  expect(res.statusCode).toBe(201);
  return res.json().entry;
}

describe('PUT /api/v1/locations/:locationId/counters/:counterId/state', () => {
  it("pauses the clerk's counter: call-next is refused in the clerk's language until it is open again", async () => {
    const id = await counter('3');
    const paused = await as('staff', 'PUT', `/api/v1/locations/${fx.mitteId}/counters/${id}/state`, { state: 'paused' });
    expect(paused.statusCode).toBe(200);
    expect(paused.json().counter).toEqual({ id, name: '3', state: 'paused' });
    const list = await as('display', 'GET', `/api/v1/locations/${fx.mitteId}/counters`);
    expect(list.json().counters).toContainEqual({ id, name: '3', state: 'paused' });

    await walkIn();
    const de = await as('staff', 'POST', `/api/v1/locations/${fx.mitteId}/queue/call-next`, { counterId: id });
    expect(de.statusCode).toBe(409);
    expect(de.json().error).toMatchObject({ code: 'counter_paused', message: 'Ihr Schalter ist in Pause. Setzen Sie ihn fort, bevor Sie jemanden aufrufen.' });
    const closed = await as('staff', 'PUT', `/api/v1/locations/${fx.mitteId}/counters/${id}/state`, { state: 'closed' });
    expect(closed.json().counter.state).toBe('closed');
    const en = await as('staff', 'POST', `/api/v1/locations/${fx.mitteId}/queue/call-next`, { counterId: id }, 'en');
    expect(en.json().error.message).toBe('Your counter is closed for today. Open it again before calling anyone.');

    expect((await as('staff', 'PUT', `/api/v1/locations/${fx.mitteId}/counters/${id}/state`, { state: 'open' })).json().counter.state).toBe('open');
    const called = await as('staff', 'POST', `/api/v1/locations/${fx.mitteId}/queue/call-next`, { counterId: id });
    expect(called.statusCode).toBe(200);
    expect(called.json().entry.counter.name).toBe('3');
  });

  it('refuses an unknown state with a field message, and a counter of another office with 404, changing nothing', async () => {
    const id = await counter('4');
    const bad = await as('staff', 'PUT', `/api/v1/locations/${fx.mitteId}/counters/${id}/state`, { state: 'lunch' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('state');
    const kfzCounter = await db.counter.findFirstOrThrow({ where: { location: { slug: 'kfz-zulassung', tenantId: fx.demoTenantId } } });
    const foreign = await as('staff', 'PUT', `/api/v1/locations/${fx.mitteId}/counters/${kfzCounter.id}/state`, { state: 'paused' });
    expect(foreign.statusCode).toBe(404);
    expect((await db.counter.findUniqueOrThrow({ where: { id: kfzCounter.id } })).pausedAt).toBeNull();
  });
});

describe('PUT /api/v1/queue-entries/:id/note', () => {
  it('keeps the note in the staff view only and refuses one that is too long', async () => {
    const entry = await walkIn();
    const saved = await as('staff', 'PUT', `/api/v1/queue-entries/${entry.id}/note`, { note: '  Antrag unvollständig  ' });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().entry.visitNote).toBe('Antrag unvollständig');
    const queue = await as('staff', 'GET', `/api/v1/locations/${fx.mitteId}/queue`);
    expect(queue.json().entries.find((e: { id: string }) => e.id === entry.id).visitNote).toBe('Antrag unvollständig');
    const board = await as('display', 'GET', `/api/v1/locations/${fx.mitteId}/display`);
    expect(board.body).not.toContain('Antrag');

    const tooLong = await as('staff', 'PUT', `/api/v1/queue-entries/${entry.id}/note`, { note: 'x'.repeat(1001) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.fields[0]).toMatchObject({ field: 'note', message: 'Höchstens 1000 Zeichen' });
    expect((await db.queueEntry.findUniqueOrThrow({ where: { id: entry.id } })).visitNote).toBe('Antrag unvollständig');
  });
});

describe('the display settings and board', () => {
  it('saves what the display shows, refuses a counter of another office, and answers the board with counts and counter names only', async () => {
    const two = await counter('2');
    const saved = await as('staff', 'PUT', `/api/v1/locations/${fx.mitteId}/display-settings`, { recentCalls: 2, counterIds: [two] });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().settings).toEqual({ recentCalls: 2, counterIds: [two] });
    expect((await as('admin', 'GET', `/api/v1/locations/${fx.mitteId}/display-settings`)).json().settings).toEqual({ recentCalls: 2, counterIds: [two] });

    const kfzCounter = await db.counter.findFirstOrThrow({ where: { location: { slug: 'kfz-zulassung', tenantId: fx.demoTenantId } } });
    const refused = await as('staff', 'PUT', `/api/v1/locations/${fx.mitteId}/display-settings`, { recentCalls: 3, counterIds: [kfzCounter.id] }, 'en');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toBe('One of the chosen counters does not belong to this location.');
    const outOfRange = await as('staff', 'PUT', `/api/v1/locations/${fx.mitteId}/display-settings`, { recentCalls: 11, counterIds: [] });
    expect(outOfRange.statusCode).toBe(400);

    const board = await as('display', 'GET', `/api/v1/locations/${fx.mitteId}/display`);
    expect(board.statusCode).toBe(200);
    const location = await db.location.findUniqueOrThrow({ where: { id: fx.mitteId } });
    const waiting = await db.queueEntry.count({
      where: { locationId: fx.mitteId, status: 'WAITING', localDate: new Date(`${localDateOf(new Date(), location.timezone)}T00:00:00Z`) },
    });
    expect(board.json()).toEqual({ recentCalls: 2, counters: ['2'], waiting, estimatedWaitMinutes: expect.any(Number) });
  });
});
