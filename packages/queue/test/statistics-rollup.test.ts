import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookAppointment, cancelHeld, confirmAppointment, statistics, transition } from '@termin/booking';
import { createSlots } from '@termin/booking/testing/booked-appointment';
import { rollupAsKept, rollupFromScratch } from '@termin/booking/testing/statistics-rollup';
import { applyRetention } from '@termin/db';
import { DomainError } from '@termin/domain';
import { callTicket, checkIn, complete, createWalkIn, markNoShow, recall, requeue } from '../src';
import { queueFixtures, type QueueFixtures } from './fixtures';

// The statistics read a rollup that triggers keep with every change of an appointment or queue
// entry (migration 20261203160000_statistics_rollup). Whatever the services do to the rows, and
// in whatever order or at once, the rollup must be what counting the rows from scratch gives.

let fx: QueueFixtures;
beforeAll(async () => {
  fx = await queueFixtures();
});
afterAll(async () => fx?.close());

const SECRET = 'statistics-rollup-test-secret-statistics';
const at = (iso: string) => new Date(iso);
const ms = (n: number) => new Date(n);

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Refusals (a ticket already called, an appointment cancelled) are part of the mix: they must change nothing. */
async function tolerate(step: Promise<unknown>) {
  try {
    await step;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
  }
}

const request = (serviceId: string, startsAt: Date, email: string) => ({
  tenant: 'demo',
  locationId: fx.mitteId,
  serviceId,
  startsAt,
  citizen: { name: 'Erika Mustermann', email },
  smsOptIn: false,
  language: 'de' as const,
});

describe('the statistics rollup', () => {
  it('equals a count from scratch after a random mix of bookings, cancellations, moves, check-ins, calls, done, no-shows, walk-ins, deletions and anonymisation', async () => {
    const next = random(20261203);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
    const services = [fx.services.personalausweis!, fx.services.reisepass!, fx.services.anmeldung!];
    // Saturday to Monday over the end of summer time in Berlin (Sunday 2031-10-26, 03:00 → 02:00).
    const days = ['2031-10-25T06:00:00Z', '2031-10-26T00:00:00Z', '2031-10-26T07:00:00Z', '2031-10-27T07:00:00Z'];
    const slots = (await Promise.all(days.map((d) => createSlots(fx.db, { locationId: fx.mitteId, startsAt: at(d), count: 8, capacity: 30 })))).flat();
    const bookedAt = at('2031-10-20T08:00:00Z');
    const appointments: { id: string; startsAt: Date }[] = [];
    const entries: string[] = [];
    const counter = fx.counters['1']!;
    const queue = (now: Date) => ({ db: fx.db, now });

    for (let step = 0; step < 400; step++) {
      const roll = next();
      const target = appointments.length > 0 ? pick(appointments) : null;
      const entry = entries.length > 0 ? pick(entries) : null;
      // A moment near the target's start, with milliseconds, so durations are not whole seconds.
      const near = (base: Date) => ms(base.getTime() + Math.floor((next() - 0.5) * 40 * 60_000));
      if (roll < 0.25 || !target) {
        const slot = pick(slots);
        const booked = await bookAppointment({ db: fx.db, now: bookedAt, contactSecret: SECRET }, request(pick(services), slot.startsAt, `citizen${step}@example.org`));
        appointments.push({ id: booked.booking.id, startsAt: slot.startsAt });
        // The worker confirms most bookings soon; the rest stay pending (and cannot check in).
        if (next() < 0.8) await confirmAppointment({ db: fx.db, now: bookedAt }, booked.booking.id);
      } else if (roll < 0.32) {
        await tolerate(cancelHeld({ db: fx.db, now: bookedAt }, { id: target.id }, { deadlineMinutes: null }));
      } else if (roll < 0.36) {
        await tolerate(fx.db.$transaction((tx) => transition(tx, { appointmentId: target.id, step: 'cancel', data: { cancelledAt: bookedAt, cancelledBy: 'OFFICE' } })));
      } else if (roll < 0.44) {
        // A move to another day or time, and now and then to another service too.
        const slot = pick(slots);
        await tolerate(
          fx.db.$transaction((tx) =>
            transition(tx, { appointmentId: target.id, step: 'reschedule', data: { startsAt: slot.startsAt, endsAt: slot.endsAt, sequence: { increment: 1 } } }),
          ),
        );
        if (next() < 0.3) await fx.db.appointment.updateMany({ where: { id: target.id, status: { in: ['PENDING', 'CONFIRMED'] } }, data: { serviceId: pick(services) } });
        const moved = await fx.db.appointment.findUniqueOrThrow({ where: { id: target.id }, select: { startsAt: true } });
        target.startsAt = moved.startsAt;
      } else if (roll < 0.56) {
        const checkedIn = await checkIn(queue(ms(target.startsAt.getTime() - Math.floor(next() * 20 * 60_000))), {
          appointment: { id: target.id },
          locationId: fx.mitteId,
          actor: fx.clerk,
        }).catch((error: unknown) => {
          if (error instanceof DomainError) return null;
          throw error;
        });
        if (checkedIn) entries.push(checkedIn.entry.id);
      } else if (roll < 0.64) {
        const walkIn = await createWalkIn(queue(near(pick(slots).startsAt)), { actor: fx.clerk, locationId: fx.mitteId, serviceId: pick(services) });
        entries.push(walkIn.id);
      } else if (roll < 0.76 && entry) {
        const row = await fx.db.queueEntry.findUniqueOrThrow({ where: { id: entry } });
        await tolerate(callTicket(queue(ms(row.checkedInAt.getTime() + Math.floor(next() * 3_600_000))), { actor: fx.clerk, queueEntryId: entry, counterId: counter }));
      } else if (roll < 0.86 && entry) {
        const row = await fx.db.queueEntry.findUniqueOrThrow({ where: { id: entry } });
        const later = ms((row.calledAt ?? row.checkedInAt).getTime() + Math.floor(next() * 2_400_000));
        await tolerate(complete(queue(later), { actor: fx.clerk, queueEntryId: entry }));
      } else if (roll < 0.9 && entry) {
        await tolerate(markNoShow(queue(near(target.startsAt)), { actor: fx.clerk, queueEntryId: entry }));
      } else if (roll < 0.93 && entry) {
        const row = await fx.db.queueEntry.findUniqueOrThrow({ where: { id: entry } });
        const later = ms((row.calledAt ?? row.checkedInAt).getTime() + Math.floor(next() * 600_000));
        await tolerate(next() < 0.5 ? recall(queue(later), { actor: fx.clerk, queueEntryId: entry }) : requeue(queue(later), { actor: fx.clerk, queueEntryId: entry }));
      } else if (roll < 0.95) {
        // Gone entirely (with its queue entry, which the test then forgets).
        const gone = appointments.splice(appointments.indexOf(target), 1)[0]!;
        const its = await fx.db.queueEntry.findUnique({ where: { appointmentId: gone.id }, select: { id: true } });
        if (its) {
          await fx.db.queueEntry.delete({ where: { id: its.id } });
          entries.splice(entries.indexOf(its.id), 1);
        }
        await fx.db.appointmentSlot.deleteMany({ where: { appointmentId: gone.id } });
        await fx.db.appointment.delete({ where: { id: gone.id } });
      } else {
        // The retention job as of a day after some of the appointments: it erases contact data and notes only.
        await applyRetention(fx.db, ms(pick(slots).startsAt.getTime() + 31 * 86_400_000));
      }
    }

    const kept = await rollupAsKept(fx.db);
    expect(kept.length).toBeGreaterThan(50);
    expect(kept).toEqual(await rollupFromScratch(fx.db));
    // The mix reached every figure.
    for (const kind of ['appointments', 'walk-ins', 'wait', 'service']) expect(kept.some((line) => line.startsWith(`${kind} `))).toBe(true);
    const stats = await statistics({ db: fx.db }, { tenantId: fx.tenantId, locationIds: [fx.mitteId] }, { from: '2031-10-25', to: '2031-10-27' });
    expect(stats.totals.cancellations.byCitizen).toBeGreaterThan(0);
    expect(stats.totals.cancellations.byOffice).toBeGreaterThan(0);
    expect(stats.totals.noShows).toBeGreaterThan(0);
    // A range of whole months reads the months' histograms, the days around them the days': the
    // same waiting and service times as the three days that hold every visit.
    for (const range of [
      { from: '2031-10-01', to: '2031-10-31' },
      { from: '2031-09-30', to: '2031-11-01' },
    ]) {
      const { totals } = await statistics({ db: fx.db }, { tenantId: fx.tenantId, locationIds: [fx.mitteId] }, range);
      expect({ waiting: totals.waiting, service: totals.service, walkIns: totals.walkIns }).toEqual({
        waiting: stats.totals.waiting,
        service: stats.totals.service,
        walkIns: stats.totals.walkIns,
      });
    }

    // Anonymising everything changes no figure.
    await applyRetention(fx.db, at('2032-12-01T00:00:00Z'));
    expect(await fx.db.appointment.count({ where: { locationId: fx.mitteId, anonymisedAt: null, startsAt: { gte: at('2031-10-25T00:00:00Z') } } })).toBe(0);
    expect(await rollupAsKept(fx.db)).toEqual(kept);
    expect(await statistics({ db: fx.db }, { tenantId: fx.tenantId, locationIds: [fx.mitteId] }, { from: '2031-10-25', to: '2031-10-27' })).toEqual(stats);
  }, 240_000);

  it('counts bookings, cancellations, check-ins, walk-ins and durations racing for the same quarter hour exactly', async () => {
    const serviceId = fx.services.personalausweis!;
    await fx.db.service.update({ where: { id: serviceId }, data: { slotCapacity: 60 } });
    const [slot] = await createSlots(fx.db, { locationId: fx.mitteId, startsAt: at('2031-11-04T09:00:00Z'), capacity: 60 });
    const deps = { db: fx.db, now: at('2031-11-01T08:00:00Z'), contactSecret: SECRET };
    const arrive = at('2031-11-04T08:55:00Z');

    // 40 bookings and 20 walk-ins at once, all in one bin of the rollup.
    const [booked] = await Promise.all([
      Promise.all(Array.from({ length: 40 }, (_, i) => bookAppointment(deps, request(serviceId, slot!.startsAt, `racer${i}@example.org`)))),
      Promise.all(
        Array.from({ length: 20 }, (_, i) => createWalkIn({ db: fx.db, now: ms(arrive.getTime() + i) }, { actor: fx.clerk, locationId: fx.mitteId, serviceId })),
      ),
    ]);
    const ids = booked.map((b) => b.booking.id);
    await Promise.all(ids.map((id) => confirmAppointment({ db: fx.db, now: deps.now }, id)));
    // Then at once: the citizens cancel the first ten, the office the next ten, the other twenty check in.
    const checkedIn = await Promise.all([
      ...ids.slice(0, 10).map((id) => cancelHeld({ db: fx.db, now: deps.now }, { id }, { deadlineMinutes: null }).then(() => null)),
      ...ids
        .slice(10, 20)
        .map((id) =>
          fx.db.$transaction((tx) => transition(tx, { appointmentId: id, step: 'cancel', data: { cancelledAt: deps.now, cancelledBy: 'OFFICE' } })).then(() => null),
        ),
      ...ids.slice(20).map((id, i) => checkIn({ db: fx.db, now: ms(arrive.getTime() + 1000 + i) }, { appointment: { id }, locationId: fx.mitteId, actor: fx.clerk })),
    ]);
    const entries = checkedIn.filter((c) => c !== null).map((c) => c.entry.id);
    const walkIns = await fx.db.queueEntry.findMany({ where: { locationId: fx.mitteId, kind: 'WALK_IN', checkedInAt: { gte: arrive } }, select: { id: true } });
    // Every ticket called at once on its own counter time, 10.5 minutes after 08:55 (+ its few ms);
    // then all done at once, the walk-ins no-shows instead.
    const calledAt = ms(arrive.getTime() + 630_000);
    await Promise.all(
      [...entries, ...walkIns.map((w) => w.id)].map((id) =>
        callTicket({ db: fx.db, now: calledAt }, { actor: fx.clerk, queueEntryId: id, counterId: fx.counters['2']! }),
      ),
    );
    // Ten of them called again 90 s later (a recall moves the call, so their waiting time grows).
    await Promise.all(entries.slice(0, 10).map((id) => recall({ db: fx.db, now: ms(calledAt.getTime() + 90_000) }, { actor: fx.clerk, queueEntryId: id })));
    await Promise.all([
      ...entries.map((id) => complete({ db: fx.db, now: ms(calledAt.getTime() + 300_000) }, { actor: fx.clerk, queueEntryId: id })),
      ...walkIns.map((w) => markNoShow({ db: fx.db, now: ms(calledAt.getTime() + 60_000) }, { actor: fx.clerk, queueEntryId: w.id })),
    ]);

    const [bin] = await fx.db.statisticsAppointmentBin.findMany({ where: { locationId: fx.mitteId, serviceId, bin: slot!.startsAt } });
    expect(bin).toMatchObject({ bookings: 40, cancelled: 20, byCitizen: 10, byOffice: 10, checkedIn: 20, noShows: 0 });
    const walkInBins = await fx.db.statisticsWalkInBin.findMany({ where: { locationId: fx.mitteId, serviceId, bin: at('2031-11-04T08:45:00Z') } });
    expect(walkInBins.map((w) => w.walkIns)).toEqual([20]);
    const durations = await fx.db.statisticsDuration.findMany({ where: { locationId: fx.mitteId, serviceId, period: 'day', localDate: at('2031-11-04T00:00:00Z') } });
    const n = (metric: string) => durations.filter((d) => d.metric === metric).reduce((sum, d) => sum + d.n, 0);
    expect(n('wait')).toBe(40);
    expect(n('service')).toBe(20);
    expect(await rollupAsKept(fx.db)).toEqual(await rollupFromScratch(fx.db));
  }, 120_000);
});
