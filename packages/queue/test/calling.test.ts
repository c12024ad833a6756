import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callNext, callTicket, checkIn, complete, createWalkIn, markNoShow, positionOf, queueSnapshot, recall, requeue, type QueueEvent } from '../src';
import { InvalidTransitionError } from '@termin/domain';
import { bookAppointment, minutes, queueFixtures, type QueueFixtures } from './fixtures';

let fx: QueueFixtures;
beforeAll(async () => {
  fx = await queueFixtures();
});
afterAll(async () => fx?.close());

const at = (iso: string) => new Date(iso);

describe('calling', () => {
  it('never gives two counters calling at once the same citizen (100 calls each)', async () => {
    const now = at('2031-04-01T08:00:00Z');
    for (let i = 0; i < 200; i++) {
      await createWalkIn({ db: fx.db, now: new Date(now.getTime() + i) }, { actor: fx.clerk, locationId: fx.mitteId, serviceId: fx.services.personalausweis! });
    }
    const counterLoop = async (counterId: string) => {
      const got: string[] = [];
      for (let i = 0; i < 100; i++) {
        const entry = await callNext({ db: fx.db, now }, { actor: fx.clerk, locationId: fx.mitteId, counterId });
        if (entry) got.push(entry.id);
      }
      return got;
    };
    const [one, two] = await Promise.all([counterLoop(fx.counters['1']!), counterLoop(fx.counters['2']!)]);
    const all = [...one, ...two];
    expect(all).toHaveLength(200);
    expect(new Set(all).size).toBe(200);
    const called = await fx.db.queueEntry.findMany({ where: { locationId: fx.mitteId, status: 'CALLED' } });
    expect(called).toHaveLength(200);
    expect(await callNext({ db: fx.db, now }, { actor: fx.clerk, locationId: fx.mitteId, counterId: fx.counters['3']! })).toBeNull();
    // 400 serialised calls: on a loaded 2-core machine this takes far longer than a unit test.
  }, 120_000);

  it('gives each counter only citizens of the services it serves, also when two counters call at once', async () => {
    const now = at('2031-04-06T08:00:00Z');
    const [passports, registrations, open] = [fx.counters['1']!, fx.counters['2']!, fx.counters['3']!];
    const serves = async (counterId: string, slugs: string[]) => {
      await fx.db.counterService.deleteMany({ where: { counterId } });
      await fx.db.counterService.createMany({ data: slugs.map((slug) => ({ counterId, serviceId: fx.services[slug]! })) });
    };
    const before = await fx.db.counterService.findMany({ where: { counterId: { in: [passports, registrations, open] } } });
    try {
      await serves(passports, ['reisepass']);
      await serves(registrations, ['anmeldung']);
      await serves(open, []);
      const entries = [];
      for (let i = 0; i < 40; i++) {
        const slug = i % 2 === 0 ? 'reisepass' : 'anmeldung';
        entries.push(await createWalkIn({ db: fx.db, now: new Date(now.getTime() + i) }, { actor: fx.clerk, locationId: fx.mitteId, serviceId: fx.services[slug]! }));
      }
      const calls = async (counterId: string, n: number) => {
        const got = [];
        for (let i = 0; i < n; i++) {
          const entry = await callNext({ db: fx.db, now }, { actor: fx.clerk, locationId: fx.mitteId, counterId });
          if (entry) got.push(entry);
        }
        return got;
      };
      const [one, two] = await Promise.all([calls(passports, 25), calls(registrations, 25)]);
      expect(one).toHaveLength(20);
      expect(two).toHaveLength(20);
      expect(new Set(one.map((e) => e.service.id))).toEqual(new Set([fx.services.reisepass]));
      expect(new Set(two.map((e) => e.service.id))).toEqual(new Set([fx.services.anmeldung]));
      expect(new Set([...one, ...two].map((e) => e.id)).size).toBe(40);
      // First come, first served within each service.
      expect(one.map((e) => e.id)).toEqual(entries.filter((_, i) => i % 2 === 0).map((e) => e.id));

      // A counter with no service configured serves everyone; a clerk's own choice only narrows a counter's services.
      const walkIn = await createWalkIn({ db: fx.db, now }, { actor: fx.clerk, locationId: fx.mitteId, serviceId: fx.services.anmeldung! });
      expect(await callNext({ db: fx.db, now }, { actor: fx.clerk, locationId: fx.mitteId, counterId: passports, serviceIds: [fx.services.anmeldung!] })).toBeNull();
      expect(await callNext({ db: fx.db, now }, { actor: fx.clerk, locationId: fx.mitteId, counterId: passports })).toBeNull();
      expect((await callNext({ db: fx.db, now }, { actor: fx.clerk, locationId: fx.mitteId, counterId: open }))?.id).toBe(walkIn.id);
    } finally {
      await fx.db.counterService.deleteMany({ where: { counterId: { in: [passports, registrations, open] } } });
      await fx.db.counterService.createMany({ data: before });
    }
  });

  it('calls due appointments before walk-ins, then first come, first served, as the snapshot shows', async () => {
    const now = at('2031-04-02T08:00:00Z');
    const walkIn = await createWalkIn(
      { db: fx.db, now: new Date(now.getTime() - minutes(20)) },
      { actor: fx.clerk, locationId: fx.mitteId, serviceId: fx.services.reisepass! },
    );
    const later = await bookAppointment(fx, { locationId: fx.mitteId, serviceId: fx.services.anmeldung!, startsAt: new Date(now.getTime() + minutes(25)) });
    const due = await bookAppointment(fx, { locationId: fx.mitteId, serviceId: fx.services.anmeldung!, startsAt: now });
    const checkInAt = (a: { id: string }, when: Date) => checkIn({ db: fx.db, now: when }, { appointment: { id: a.id }, locationId: fx.mitteId, actor: fx.clerk });
    const laterEntry = (await checkInAt(later, new Date(now.getTime() - minutes(5)))).entry;
    const dueEntry = (await checkInAt(due, new Date(now.getTime() - minutes(1)))).entry;

    const snapshot = await queueSnapshot({ db: fx.db, now }, fx.mitteId);
    const waiting = snapshot.filter((e) => e.status === 'WAITING');
    expect(waiting.map((e) => e.id)).toEqual([dueEntry.id, walkIn.id, laterEntry.id]);
    expect(waiting.map((e) => e.position)).toEqual([1, 2, 3]);

    const events: QueueEvent[] = [];
    const deps = { db: fx.db, now, publish: (e: QueueEvent) => void events.push(e) };
    const first = await callNext(deps, { actor: fx.clerk, locationId: fx.mitteId, counterId: fx.counters['4']! });
    expect(first?.id).toBe(dueEntry.id);
    expect(first?.counter?.name).toBe('4');
    expect(events).toContainEqual({ type: 'called', locationId: fx.mitteId, queueEntryId: dueEntry.id, ticket: dueEntry.ticketNumber, counter: '4' });
    // A counter for passports only skips nobody else's turn but serves its own service.
    const passport = await callNext(deps, { actor: fx.clerk, locationId: fx.mitteId, counterId: fx.counters['3']!, serviceIds: [fx.services.reisepass!] });
    expect(passport?.id).toBe(walkIn.id);
    await Promise.all([complete(deps, { actor: fx.clerk, queueEntryId: dueEntry.id }), complete(deps, { actor: fx.clerk, queueEntryId: walkIn.id })]);
    expect((await fx.db.appointment.findUniqueOrThrow({ where: { id: due.id } })).status).toBe('DONE');
  });

  it('recalls, sends back to the end of the line, calls a chosen ticket and audits every step', async () => {
    const now = at('2031-04-03T08:00:00Z');
    const deps = { db: fx.db, now };
    const mk = (offset: number) =>
      createWalkIn({ db: fx.db, now: new Date(now.getTime() - minutes(offset)) }, { actor: fx.clerk, locationId: fx.mitteId, serviceId: fx.services.anmeldung! });
    const a = await mk(10);
    const b = await mk(5);
    const called = await callNext(deps, { actor: fx.clerk, locationId: fx.mitteId, counterId: fx.counters['1']! });
    expect(called?.id).toBe(a.id);
    expect((await recall(deps, { actor: fx.clerk, queueEntryId: a.id })).recallCount).toBe(1);
    const back = await requeue(deps, { actor: fx.clerk, queueEntryId: a.id });
    expect(back.status).toBe('WAITING');
    expect(back.counter).toBeNull();
    const order = (await queueSnapshot(deps, fx.mitteId)).filter((e) => e.status === 'WAITING').map((e) => e.id);
    expect(order).toEqual([b.id, a.id]);
    const chosen = await callTicket(deps, { actor: fx.clerk, queueEntryId: a.id, counterId: fx.counters['2']! });
    expect(chosen.counter?.name).toBe('2');
    await expect(callTicket(deps, { actor: fx.clerk, queueEntryId: a.id, counterId: fx.counters['3']! })).rejects.toMatchObject({ code: 'queue_entry_wrong_status' });
    await expect(recall(deps, { actor: fx.clerk, queueEntryId: b.id })).rejects.toMatchObject({ code: 'queue_entry_wrong_status' });
    const actions = await fx.db.auditLog.findMany({ where: { entityId: a.id }, orderBy: { createdAt: 'asc' }, select: { action: true } });
    expect(actions.map((x) => x.action)).toEqual(['queue.walk_in', 'queue.call_next', 'queue.recall', 'queue.requeue', 'queue.call_ticket']);
    const other = { ...fx.clerk, locationIds: [fx.kfzId] };
    await expect(complete(deps, { actor: other, queueEntryId: a.id })).rejects.toMatchObject({ code: 'queue_entry_not_found' });
  });

  it('marks a no-show: entry and appointment NOSHOW, and the contact history counts it', async () => {
    const now = at('2031-04-04T08:00:00Z');
    const deps = { db: fx.db, now };
    const hash = 'a'.repeat(64);
    const appointment = await bookAppointment(fx, { locationId: fx.mitteId, serviceId: fx.services.anmeldung!, startsAt: now, contactHash: hash });
    const { entry } = await checkIn(deps, { appointment: { id: appointment.id }, locationId: fx.mitteId, actor: fx.clerk });
    await callNext(deps, { actor: fx.clerk, locationId: fx.mitteId, counterId: fx.counters['1']! });
    const gone = await markNoShow(deps, { actor: fx.clerk, queueEntryId: entry.id });
    expect(gone.status).toBe('NOSHOW');
    expect((await fx.db.appointment.findUniqueOrThrow({ where: { id: appointment.id } })).status).toBe('NOSHOW');
    const history = await fx.db.contactHistory.findUniqueOrThrow({ where: { tenantId_contactHash: { tenantId: fx.tenantId, contactHash: hash } } });
    expect(history.noShows).toBe(1);
    await expect(markNoShow(deps, { actor: fx.clerk, queueEntryId: entry.id })).rejects.toMatchObject({ code: 'queue_entry_wrong_status' });
    expect((await fx.db.contactHistory.findUniqueOrThrow({ where: { tenantId_contactHash: { tenantId: fx.tenantId, contactHash: hash } } })).noShows).toBe(1);
  });
});

describe('done and no-show through the appointment lifecycle', () => {
  it('refuses DONE for an appointment that is no longer checked in, leaving the called ticket as it was', async () => {
    const now = at('2031-04-05T08:00:00Z');
    const deps = { db: fx.db, now };
    const appointment = await bookAppointment(fx, { locationId: fx.mitteId, serviceId: fx.services.reisepass!, startsAt: now });
    const { entry } = await checkIn(deps, { appointment: { id: appointment.id }, locationId: fx.mitteId, actor: fx.clerk });
    await callTicket(deps, { actor: fx.clerk, queueEntryId: entry.id, counterId: fx.counters['1']! });
    // Finished elsewhere (another clerk's stale screen, say) between the call and this click.
    await fx.db.appointment.update({ where: { id: appointment.id }, data: { status: 'DONE' } });
    const error = await complete(deps, { actor: fx.clerk, queueEntryId: entry.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidTransitionError);
    expect(error).toMatchObject({ code: 'queue_entry_wrong_status', status: 'conflict', params: { from: 'DONE', to: 'DONE' } });
    expect(await fx.db.queueEntry.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({ status: 'CALLED', completedAt: null });
    const noShow = await markNoShow(deps, { actor: fx.clerk, queueEntryId: entry.id }).catch((e: unknown) => e);
    expect(noShow).toMatchObject({ code: 'queue_entry_wrong_status', params: { from: 'DONE', to: 'NOSHOW' } });
    expect(await fx.db.appointment.findUniqueOrThrow({ where: { id: appointment.id } })).toMatchObject({ status: 'DONE' });
    expect(await fx.db.auditLog.count({ where: { entityId: entry.id, action: { in: ['queue.complete', 'queue.no_show'] } } })).toBe(0);
  });
});

describe('position of a waiting citizen', () => {
  it('tells the position and an estimated wait, and moves up as others are called', async () => {
    const now = at('2031-04-08T08:00:00Z');
    const deps = { db: fx.db, now };
    for (let i = 0; i < 3; i++) {
      await createWalkIn({ db: fx.db, now: new Date(now.getTime() - minutes(10 - i)) }, { actor: fx.clerk, locationId: fx.mitteId, serviceId: fx.services.anmeldung! });
    }
    const appointment = await bookAppointment(fx, { locationId: fx.mitteId, serviceId: fx.services.anmeldung!, startsAt: new Date(now.getTime() + minutes(20)) });
    const { entry } = await checkIn(deps, { appointment: { bookingCode: appointment.bookingCode }, locationId: fx.mitteId, actor: null });

    const first = await positionOf(deps, appointment.bookingCode);
    expect(first).toMatchObject({ ticketNumber: entry.ticketNumber, status: 'WAITING', position: 4 });
    // Nobody called yet: 4 active counters, 15-minute service, three people ahead.
    expect(first.estimatedWaitMinutes).toBe(Math.ceil((3 * 15) / 4));

    await callNext(deps, { actor: fx.clerk, locationId: fx.mitteId, counterId: fx.counters['1']! });
    const second = await positionOf(deps, appointment.bookingCode);
    expect(second.position).toBe(3);
    // Only counter 1 worked in the last hour: two ahead at 15 minutes each.
    expect(second.estimatedWaitMinutes).toBe(30);

    await callTicket(deps, { actor: fx.clerk, queueEntryId: entry.id, counterId: fx.counters['2']! });
    expect(await positionOf(deps, appointment.bookingCode)).toMatchObject({ status: 'CALLED', position: null, counter: '2' });
    await expect(positionOf(deps, 'ZZZZ-ZZZZ-ZZZZ-ZZZZ')).rejects.toMatchObject({ code: 'queue_position_not_found' });
  });
});
