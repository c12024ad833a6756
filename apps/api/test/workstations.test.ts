import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addDaysToLocalDate, generateBookingCode, localDateOf, startOfLocalDayUtc } from '@termin/domain';
import { citizenLinks } from '@termin/notifications';
import type { TodayAppointments } from '@termin/contracts';
import { useAccessApp, type AccessApp } from './support/access-app';
import type { DemoUser } from './support/identity';

let { identity, t, db, fx } = {} as AccessApp;

useAccessApp({ RATE_LIMIT_KIOSK_MAX: '5' }, (app) => ({ identity, t, db, fx } = app));

async function as(user: DemoUser, method: 'GET' | 'POST', url: string, payload?: object) {
  return t.app.inject({ method, url, headers: { authorization: `Bearer ${await identity.tokenFor(user)}` }, ...(payload ? { payload } : {}) });
}

async function appointment(
  locationId: string,
  startsAt: Date,
  extra: { status?: 'CONFIRMED' | 'CANCELLED' | 'PENDING'; noShowScore?: number; bookedAt?: Date; citizenName?: string } = {},
) {
  const location = await db.location.findUniqueOrThrow({ where: { id: locationId } });
  const offered = await db.locationService.findFirstOrThrow({ where: { locationId } });
  return db.appointment.create({
    data: {
      tenantId: location.tenantId,
      locationId,
      serviceId: offered.serviceId,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 15 * 60_000),
      status: extra.status ?? 'CONFIRMED',
      bookingCode: generateBookingCode(),
      citizenName: extra.citizenName ?? 'Erika Musterfrau',
      citizenEmail: 'erika@example.org',
      contactHash: randomBytes(32).toString('hex'),
      noShowScore: extra.noShowScore ?? 0,
      ...(extra.bookedAt ? { bookedAt: extra.bookedAt } : {}),
    },
  });
}

describe('GET /api/v1/locations/:locationId/appointments/today', () => {
  it("lists only today's appointments of the office, in time order, with status and the reasons for the risk", async () => {
    const location = await db.location.findUniqueOrThrow({ where: { id: fx.mitteId } });
    const now = new Date();
    const today = localDateOf(now, location.timezone);
    const dayStart = startOfLocalDayUtc(today, location.timezone);
    const tomorrow = startOfLocalDayUtc(addDaysToLocalDate(today, 1), location.timezone);
    // Start and end of the local day: both belong to today, the next day's first minute does not.
    const late = await appointment(fx.mitteId, new Date(tomorrow.getTime() - 60_000), {
      noShowScore: 60,
      bookedAt: new Date(tomorrow.getTime() - 3_600_000),
      citizenName: 'Spät',
    });
    const early = await appointment(fx.mitteId, dayStart, { status: 'CANCELLED', citizenName: 'Früh' });
    const present = await appointment(fx.mitteId, now, { citizenName: 'Jetzt' });
    await appointment(fx.mitteId, tomorrow, { citizenName: 'Morgen' });
    await appointment(fx.kfzId, now, { citizenName: 'Andere Stelle' });
    expect((await as('display', 'POST', `/api/v1/kiosk/locations/${fx.mitteId}/checkin`, { scan: present.bookingCode })).statusCode).toBe(403);
    expect((await as('kiosk', 'POST', `/api/v1/kiosk/locations/${fx.mitteId}/checkin`, { scan: present.bookingCode })).statusCode).toBe(200);

    const res = await as('staff', 'GET', `/api/v1/locations/${fx.mitteId}/appointments/today`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as TodayAppointments;
    expect(body.date).toBe(today);
    const mine = body.appointments.filter((a) => [early.id, present.id, late.id].includes(a.id));
    expect(mine.map((a) => [a.citizenName, a.status])).toEqual([
      ['Früh', 'cancelled'],
      ['Jetzt', 'present'],
      ['Spät', 'expected'],
    ]);
    expect(body.appointments.map((a) => a.citizenName)).not.toContain('Morgen');
    expect(body.appointments.map((a) => a.citizenName)).not.toContain('Andere Stelle');
    const starts = body.appointments.map((a) => a.startsAt);
    expect(starts).toEqual([...starts].sort());
    expect(mine[1]!.ticketNumber).toMatch(/^[A-Z]+\d{3}$/);

    const risk = mine[2]!.noShowRisk;
    expect(risk).toMatchObject({ score: 60, band: 'yellow' });
    expect(risk.reasons).toContainEqual({ code: 'SHORT_NOTICE', points: 20 });
    // What the booking itself does not explain came from the citizen's history or the service.
    const explained = risk.reasons.filter((r) => r.code !== 'HISTORY_OR_RARE_SERVICE').reduce((sum, r) => sum + r.points, 0);
    expect(risk.reasons).toContainEqual({ code: 'HISTORY_OR_RARE_SERVICE', points: 60 - explained });
    expect(JSON.stringify(body)).not.toContain('erika@example.org');
  });

  it('answers 404 for an office the clerk does not work at, and 403 to kiosk and display accounts', async () => {
    expect((await as('staff-kfz', 'GET', `/api/v1/locations/${fx.mitteId}/appointments/today`)).statusCode).toBe(404);
    expect((await as('staff', 'GET', `/api/v1/locations/${fx.otherTenantLocationId}/appointments/today`)).statusCode).toBe(404);
    expect((await as('kiosk', 'GET', `/api/v1/locations/${fx.mitteId}/appointments/today`)).statusCode).toBe(403);
    expect((await as('display', 'GET', `/api/v1/locations/${fx.mitteId}/appointments/today`)).statusCode).toBe(403);
  });
});

describe('POST /api/v1/kiosk/locations/:locationId/checkin', () => {
  it("checks in with the whole check-in address of the e-mail's QR code, audited with the kiosk as actor", async () => {
    const booking = await appointment(fx.mitteId, new Date());
    const scanned = citizenLinks(t.config.CITIZEN_BASE_URL, booking.bookingCode).checkin;
    expect(scanned).toMatch(/\/checkin\/[0-9A-Z-]{19}$/);
    const res = await as('kiosk', 'POST', `/api/v1/kiosk/locations/${fx.mitteId}/checkin`, { scan: scanned });
    expect(res.statusCode).toBe(200);
    const entry = await db.queueEntry.findUniqueOrThrow({ where: { appointmentId: booking.id } });
    expect(res.json()).toMatchObject({ ticketNumber: entry.ticketNumber, status: 'WAITING', locationId: fx.mitteId });
    expect((await db.appointment.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe('CHECKED_IN');

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'appointment.checkin', entityId: booking.id } });
    expect(audit).toMatchObject({ actorName: 'kiosk', actorRole: 'kiosk', locationId: fx.mitteId });
    // The admin's audit log shows it the same way.
    const log = await as('admin', 'GET', `/api/v1/admin/audit-log?locationId=${fx.mitteId}`);
    expect(log.json().entries).toContainEqual(expect.objectContaining({ actor: 'kiosk', role: 'kiosk', action: 'appointment.checkin', entityId: booking.id }));
  });

  it('takes a bare code as people type it, and refuses unknown codes and other offices without changing anything', async () => {
    const booking = await appointment(fx.mitteId, new Date());
    const typed = ` ${booking.bookingCode.toLowerCase().replace(/-/g, ' ')} `;
    expect((await as('kiosk', 'POST', `/api/v1/kiosk/locations/${fx.mitteId}/checkin`, { scan: typed })).statusCode).toBe(200);

    const unknown = await as('kiosk', 'POST', `/api/v1/kiosk/locations/${fx.mitteId}/checkin`, { scan: 'http://localhost:3000/checkin/ZZZZ-ZZZZ-ZZZZ-ZZZZ' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('appointment_not_found');
    expect((await as('kiosk', 'POST', `/api/v1/kiosk/locations/${fx.mitteId}/checkin`, { scan: '' })).statusCode).toBe(400);

    const atKfz = await appointment(fx.kfzId, new Date());
    const foreign = await as('kiosk', 'POST', `/api/v1/kiosk/locations/${fx.kfzId}/checkin`, { scan: atKfz.bookingCode });
    expect(foreign.statusCode).toBe(404);
    expect((await db.appointment.findUniqueOrThrow({ where: { id: atKfz.id } })).status).toBe('CONFIRMED');
  });

  it('limits check-ins per kiosk device, not per address: a second kiosk keeps working', async () => {
    const url = `/api/v1/kiosk/locations/${fx.mitteId}/checkin`;
    let last = 0;
    for (let i = 0; i < 6 && last !== 429; i++) last = (await as('kiosk', 'POST', url, { scan: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' })).statusCode;
    expect(last).toBe(429);
    const booking = await appointment(fx.mitteId, new Date());
    expect((await as('kiosk', 'POST', url, { scan: booking.bookingCode })).statusCode).toBe(429);
    expect((await db.appointment.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe('CONFIRMED');
    expect((await as('kiosk-2', 'POST', url, { scan: booking.bookingCode })).statusCode).toBe(200);
  });
});
