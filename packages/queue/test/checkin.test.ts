import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, InvalidTransitionError, NotFoundError } from '@termin/domain';
import { checkIn, createWalkIn, type QueueEvent } from '../src';
import { bookAppointment, minutes, queueFixtures, type QueueFixtures } from './fixtures';

let fx: QueueFixtures;
beforeAll(async () => {
  fx = await queueFixtures();
});
afterAll(async () => fx?.close());

// A fixed Tuesday morning in Berlin, so the local day (and the ticket counter) is known.
const tuesday = new Date('2031-03-04T09:00:00Z');

describe('check-in', () => {
  it('gives 50 concurrent check-ins 50 distinct, gap-free tickets and one outbox event each', async () => {
    const appointments = await Promise.all(
      Array.from({ length: 50 }, () => bookAppointment(fx, { locationId: fx.mitteId, serviceId: fx.services.personalausweis!, startsAt: tuesday })),
    );
    const events: QueueEvent[] = [];
    const results = await Promise.all(
      appointments.map((a) =>
        checkIn({ db: fx.db, now: tuesday, publish: (e) => void events.push(e) }, { appointment: { bookingCode: a.bookingCode }, locationId: fx.mitteId, actor: null }),
      ),
    );
    const tickets = results.map((r) => r.entry.ticketNumber).sort();
    expect(tickets).toEqual(Array.from({ length: 50 }, (_, i) => `A${String(i + 1).padStart(3, '0')}`));
    expect(events.filter((e) => e.type === 'checked_in')).toHaveLength(50);
    const outbox = await fx.db.outboxEvent.findMany({ where: { type: 'appointment.checked_in' } });
    expect(new Set(outbox.map((o) => (o.payload as { appointmentId: string }).appointmentId))).toEqual(new Set(appointments.map((a) => a.id)));
    const statuses = await fx.db.appointment.findMany({ where: { id: { in: appointments.map((a) => a.id) } }, select: { status: true } });
    expect(statuses.every((s) => s.status === 'CHECKED_IN')).toBe(true);
  });

  it('numbers per service prefix and restarts on the next local day (midnight in Berlin, not UTC)', async () => {
    const beforeMidnight = new Date('2031-03-05T22:50:00Z'); // 23:50 in Berlin, Wednesday
    const afterMidnight = new Date('2031-03-05T23:10:00Z'); // 00:10 in Berlin, Thursday
    const walkIn = (now: Date, slug: string) => createWalkIn({ db: fx.db, now }, { actor: fx.clerk, locationId: fx.mitteId, serviceId: fx.services[slug]! });
    expect((await walkIn(beforeMidnight, 'reisepass')).ticketNumber).toBe('P001');
    expect((await walkIn(beforeMidnight, 'reisepass')).ticketNumber).toBe('P002');
    expect((await walkIn(beforeMidnight, 'anmeldung')).ticketNumber).toBe('M001');
    expect((await walkIn(afterMidnight, 'reisepass')).ticketNumber).toBe('P001');
  });

  it('refuses a second check-in, also when both arrive at once, and draws only one ticket', async () => {
    const now = new Date('2031-03-06T09:00:00Z');
    const a = await bookAppointment(fx, { locationId: fx.mitteId, serviceId: fx.services.fuehrungszeugnis!, startsAt: now });
    const attempt = () => checkIn({ db: fx.db, now }, { appointment: { id: a.id }, locationId: fx.mitteId, actor: fx.clerk });
    const outcomes = await Promise.allSettled([attempt(), attempt(), attempt()]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes.filter((o) => o.status === 'rejected')) {
      expect((o as PromiseRejectedResult).reason).toMatchObject({ code: 'checkin_already_done' });
    }
    await expect(attempt()).rejects.toMatchObject({ code: 'checkin_already_done', status: 'conflict' });
    expect(await fx.db.queueEntry.count({ where: { appointmentId: a.id } })).toBe(1);
    const sequence = await fx.db.ticketSequence.findFirst({ where: { locationId: fx.mitteId, prefix: 'F' } });
    expect(sequence?.lastNumber).toBe(1);
    const audit = await fx.db.auditLog.findMany({ where: { entityId: a.id } });
    expect(audit.map((l) => l.action)).toEqual(['appointment.checkin']);
  });

  it('refuses too early, too late, the wrong office and unconfirmed appointments, changing nothing', async () => {
    const startsAt = new Date('2031-03-07T09:00:00Z');
    const a = await bookAppointment(fx, { locationId: fx.mitteId, serviceId: fx.services.anmeldung!, startsAt });
    const at = (now: Date, locationId = fx.mitteId) =>
      checkIn({ db: fx.db, now }, { appointment: { bookingCode: a.bookingCode.toLowerCase() }, locationId, actor: null });
    // Demo tenant: check-in opens 30 minutes before and closes 15 minutes after the start.
    await expect(at(new Date(startsAt.getTime() - minutes(31)))).rejects.toMatchObject({ code: 'checkin_too_early', params: { time: '09:30' } });
    await expect(at(new Date(startsAt.getTime() + minutes(16)))).rejects.toMatchObject({ code: 'checkin_too_late' });
    await expect(at(startsAt, fx.kfzId)).rejects.toMatchObject({ code: 'checkin_wrong_location' });
    const pending = await bookAppointment(fx, { locationId: fx.mitteId, serviceId: fx.services.anmeldung!, startsAt, status: 'PENDING' });
    await expect(
      checkIn({ db: fx.db, now: startsAt }, { appointment: { bookingCode: pending.bookingCode }, locationId: fx.mitteId, actor: null }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      checkIn({ db: fx.db, now: startsAt }, { appointment: { bookingCode: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' }, locationId: fx.mitteId, actor: null }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await fx.db.appointment.findUniqueOrThrow({ where: { id: a.id } })).status).toBe('CONFIRMED');
    expect(await fx.db.queueEntry.count({ where: { appointmentId: { in: [a.id, pending.id] } } })).toBe(0);
    // Just inside both edges of the window it works.
    const ok = await at(new Date(startsAt.getTime() + minutes(15)));
    expect(ok.appointment.status).toBe('CHECKED_IN');
  });

  it("uses the office's own check-in window, edge by edge, and the municipality's for an edge the office leaves open", async () => {
    await fx.db.location.update({ where: { id: fx.mitteId }, data: { checkinEarlyMinutes: 10, checkinLateMinutes: 5 } });
    await fx.db.location.update({ where: { id: fx.kfzId }, data: { checkinEarlyMinutes: 45, checkinLateMinutes: null } });
    try {
      const startsAt = new Date('2031-03-12T09:00:00Z'); // 10:00 in Berlin
      const at = async (locationId: string, offsetMs: number) => {
        const a = await bookAppointment(fx, { locationId, serviceId: fx.services.anmeldung!, startsAt });
        return checkIn({ db: fx.db, now: new Date(startsAt.getTime() + offsetMs) }, { appointment: { id: a.id }, locationId, actor: fx.clerk });
      };
      // Mitte: 10 minutes before to 5 minutes after, both edges included.
      await expect(at(fx.mitteId, -minutes(10) - 1)).rejects.toMatchObject({ code: 'checkin_too_early', params: { minutes: 10, time: '09:50' } });
      expect((await at(fx.mitteId, -minutes(10))).appointment.status).toBe('CHECKED_IN');
      expect((await at(fx.mitteId, minutes(5))).appointment.status).toBe('CHECKED_IN');
      await expect(at(fx.mitteId, minutes(5) + 1)).rejects.toMatchObject({ code: 'checkin_too_late', params: { minutes: 5 } });
      // Kfz: its own 45 minutes early; late falls back to the municipality's 15 minutes.
      await expect(at(fx.kfzId, -minutes(45) - 1)).rejects.toMatchObject({ code: 'checkin_too_early', params: { minutes: 45, time: '09:15' } });
      expect((await at(fx.kfzId, -minutes(45))).appointment.status).toBe('CHECKED_IN');
      expect((await at(fx.kfzId, minutes(15))).appointment.status).toBe('CHECKED_IN');
      await expect(at(fx.kfzId, minutes(15) + 1)).rejects.toMatchObject({ code: 'checkin_too_late', params: { minutes: 15 } });
    } finally {
      await fx.db.location.updateMany({ where: { id: { in: [fx.mitteId, fx.kfzId] } }, data: { checkinEarlyMinutes: null, checkinLateMinutes: null } });
    }
  });

  it("keeps a clerk out of another tenant's appointments", async () => {
    const now = new Date('2031-03-10T09:00:00Z');
    const a = await bookAppointment(fx, { locationId: fx.mitteId, serviceId: fx.services.anmeldung!, startsAt: now });
    const stranger = { ...fx.clerk, tenantId: '00000000-0000-4000-8000-000000000000' };
    await expect(checkIn({ db: fx.db, now }, { appointment: { id: a.id }, locationId: fx.mitteId, actor: stranger })).rejects.toBeInstanceOf(NotFoundError);
    const kfzClerk = { ...fx.clerk, locationIds: [fx.kfzId] };
    await expect(checkIn({ db: fx.db, now }, { appointment: { id: a.id }, locationId: fx.mitteId, actor: kfzClerk })).rejects.toMatchObject({
      code: 'location_not_found',
    });
  });
});

describe('check-in through the appointment lifecycle', () => {
  it('refuses DONE → CHECKED_IN inside the check-in window: 409, no ticket, no event, status kept', async () => {
    const startsAt = new Date('2031-03-11T09:00:00Z');
    const a = await bookAppointment(fx, { locationId: fx.mitteId, serviceId: fx.services.reisepass!, startsAt });
    await fx.db.appointment.update({ where: { id: a.id }, data: { status: 'DONE' } });
    const events: QueueEvent[] = [];
    const error = await checkIn(
      { db: fx.db, now: startsAt, publish: (e) => void events.push(e) },
      { appointment: { id: a.id }, locationId: fx.mitteId, actor: fx.clerk },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidTransitionError);
    expect(error).toMatchObject({ code: 'checkin_not_possible', status: 'conflict', params: { from: 'DONE', to: 'CHECKED_IN' } });
    expect(await fx.db.appointment.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: 'DONE', checkedInAt: null });
    expect(await fx.db.queueEntry.count({ where: { appointmentId: a.id } })).toBe(0);
    const outbox = await fx.db.outboxEvent.findMany({ where: { type: 'appointment.checked_in' } });
    expect(outbox.filter((o) => (o.payload as { appointmentId: string }).appointmentId === a.id)).toHaveLength(0);
    expect(events).toEqual([]);
  });
});
