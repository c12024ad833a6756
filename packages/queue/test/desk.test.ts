import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDisplayEntry } from '@termin/contracts';
import { ConflictError, ValidationError } from '@termin/domain';
import {
  activeCounters,
  callNext,
  callTicket,
  checkIn,
  createWalkIn,
  displayBoard,
  displaySettings,
  positionOf,
  queueSnapshot,
  saveDisplaySettings,
  setCounterState,
  setVisitNote,
  type QueueEvent,
} from '../src';
import { bookAppointment, queueFixtures, type QueueFixtures } from './fixtures';

let fx: QueueFixtures;
beforeAll(async () => {
  fx = await queueFixtures();
});
afterAll(async () => fx?.close());

describe("the clerk's counter", () => {
  it('is not called to while paused or closed for the day, and is open again the next morning', async () => {
    const now = new Date('2031-05-05T08:00:00Z');
    const deps = { db: fx.db, now };
    const counterId = fx.counters['3']!;
    const walkIn = await createWalkIn(deps, { actor: fx.clerk, locationId: fx.mitteId, serviceId: fx.services.personalausweis! });

    const events: QueueEvent[] = [];
    const paused = await setCounterState({ ...deps, publish: (e) => void events.push(e) }, { actor: fx.clerk, locationId: fx.mitteId, counterId, state: 'paused' });
    expect(paused).toMatchObject({ id: counterId, state: 'paused' });
    expect(events).toEqual([{ type: 'changed', locationId: fx.mitteId }]);
    await expect(callNext(deps, { actor: fx.clerk, locationId: fx.mitteId, counterId })).rejects.toMatchObject({ code: 'counter_paused' });
    await expect(callTicket(deps, { actor: fx.clerk, queueEntryId: walkIn.id, counterId })).rejects.toBeInstanceOf(ConflictError);
    expect((await activeCounters(fx.db, { tenantId: fx.tenantId, locationId: fx.mitteId, now })).find((c) => c.id === counterId)?.state).toBe('paused');

    await setCounterState(deps, { actor: fx.clerk, locationId: fx.mitteId, counterId, state: 'closed' });
    await expect(callNext(deps, { actor: fx.clerk, locationId: fx.mitteId, counterId })).rejects.toMatchObject({ code: 'counter_closed' });
    // Nobody was taken off the queue by the refused calls.
    expect((await fx.db.queueEntry.findUniqueOrThrow({ where: { id: walkIn.id } })).status).toBe('WAITING');

    const nextMorning = new Date('2031-05-06T06:30:00Z');
    expect((await activeCounters(fx.db, { tenantId: fx.tenantId, locationId: fx.mitteId, now: nextMorning })).find((c) => c.id === counterId)?.state).toBe('open');

    await setCounterState(deps, { actor: fx.clerk, locationId: fx.mitteId, counterId, state: 'open' });
    expect((await callNext(deps, { actor: fx.clerk, locationId: fx.mitteId, counterId }))?.id).toBe(walkIn.id);
    const audit = await fx.db.auditLog.findMany({ where: { entityId: counterId }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['counter.pause', 'counter.close_for_day', 'counter.open']);
  });

  it("refuses another location's counter and a location that is not the clerk's", async () => {
    const deps = { db: fx.db, now: new Date('2031-05-07T08:00:00Z') };
    await expect(setCounterState(deps, { actor: fx.clerk, locationId: fx.kfzId, counterId: fx.counters['1']!, state: 'paused' })).rejects.toMatchObject({
      code: 'counter_not_found',
    });
    const mitteOnly = { ...fx.clerk, locationIds: [fx.mitteId] };
    await expect(setCounterState(deps, { actor: mitteOnly, locationId: fx.kfzId, counterId: fx.counters['1']!, state: 'paused' })).rejects.toMatchObject({
      code: 'location_not_found',
    });
  });
});

describe('the visit note', () => {
  it("is in the clerk's view only: not in the display's entries nor the citizen's position, and its text is not audited", async () => {
    const now = new Date('2031-05-08T08:00:00Z');
    const deps = { db: fx.db, now };
    const booking = await bookAppointment(fx, { locationId: fx.mitteId, serviceId: fx.services.anmeldung!, startsAt: now });
    const { entry } = await checkIn(deps, { appointment: { id: booking.id }, locationId: fx.mitteId, actor: fx.clerk });
    const note = 'Geburtsurkunde fehlt, bringt sie morgen';
    const noted = await setVisitNote(deps, { actor: fx.clerk, queueEntryId: entry.id, note });
    expect(noted.visitNote).toBe(note);

    const snapshot = await queueSnapshot(deps, fx.mitteId);
    const staffView = snapshot.find((e) => e.id === entry.id)!;
    expect(staffView.visitNote).toBe(note);
    expect(JSON.stringify(snapshot.map(toDisplayEntry))).not.toContain('Geburtsurkunde');
    expect(JSON.stringify(await positionOf(deps, booking.bookingCode))).not.toContain('Geburtsurkunde');
    const audit = await fx.db.auditLog.findMany({ where: { entityId: entry.id } });
    expect(audit.map((a) => a.action)).toContain('queue.visit_note');
    expect(JSON.stringify(audit)).not.toContain('Geburtsurkunde');

    expect((await setVisitNote(deps, { actor: fx.clerk, queueEntryId: entry.id, note: '' })).visitNote).toBeNull();
    const outsider = { ...fx.clerk, locationIds: [fx.kfzId] };
    await expect(setVisitNote(deps, { actor: outsider, queueEntryId: entry.id, note: 'x' })).rejects.toMatchObject({ code: 'queue_entry_not_found' });
    expect((await fx.db.queueEntry.findUniqueOrThrow({ where: { id: entry.id } })).visitNote).toBeNull();
  });
});

describe('the display settings and board', () => {
  it('keeps the defaults until saved, refuses a counter of another office and counts who waits', async () => {
    const now = new Date('2031-05-09T08:00:00Z');
    const deps = { db: fx.db, now };
    expect(await displaySettings(fx.db, { tenantId: fx.tenantId, locationId: fx.mitteId })).toEqual({ recentCalls: 5, counterIds: [] });

    const kfzCounter = await fx.db.counter.findFirstOrThrow({ where: { locationId: fx.kfzId } });
    const refused = saveDisplaySettings(deps, { actor: fx.clerk, locationId: fx.mitteId, settings: { recentCalls: 3, counterIds: [kfzCounter.id] } });
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    expect(await displaySettings(fx.db, { tenantId: fx.tenantId, locationId: fx.mitteId })).toEqual({ recentCalls: 5, counterIds: [] });

    const saved = await saveDisplaySettings(deps, { actor: fx.clerk, locationId: fx.mitteId, settings: { recentCalls: 3, counterIds: [fx.counters['2']!] } });
    expect(saved).toEqual({ recentCalls: 3, counterIds: [fx.counters['2']] });

    await fx.db.queueEntry.updateMany({ where: { locationId: fx.mitteId, status: 'WAITING' }, data: { status: 'DONE' } });
    for (let i = 0; i < 3; i++) await createWalkIn(deps, { actor: fx.clerk, locationId: fx.mitteId, serviceId: fx.services.personalausweis! });
    const board = await displayBoard(deps, { tenantId: fx.tenantId, locationId: fx.mitteId });
    expect(board).toMatchObject({ recentCalls: 3, counters: ['2'], waiting: 3 });
    expect(board.estimatedWaitMinutes).toBeGreaterThan(0);
    await expect(displayBoard(deps, { tenantId: 'd4f1c0de-0000-4000-8000-000000000000', locationId: fx.mitteId })).rejects.toMatchObject({ code: 'location_not_found' });
  });

  it('takes ten clerks saving the settings at once without an error: one row, holding one of their choices', async () => {
    const deps = { db: fx.db, now: new Date('2031-05-10T08:00:00Z') };
    const choices = Array.from({ length: 10 }, (_, i) => ({ recentCalls: i + 1, counterIds: [] }));
    const saved = await Promise.all(choices.map((settings) => saveDisplaySettings(deps, { actor: fx.clerk, locationId: fx.kfzId, settings })));
    expect(saved.map((s) => s.recentCalls).sort((a, b) => a - b)).toEqual(choices.map((c) => c.recentCalls));
    const rows = await fx.db.displaySettings.findMany({ where: { locationId: fx.kfzId } });
    expect(rows).toHaveLength(1);
    expect(choices.map((c) => c.recentCalls)).toContain(rows[0]!.recentCalls);
  });
});
