import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type Db } from '@termin/db';
import { addDaysToLocalDate, localDateOf, zonedToUtc } from '@termin/domain';
import { createSlots } from '@termin/booking/testing/booked-appointment';
import { createTestApp, type TestApp } from './support/test-app';
import { startTestIdentity, type DemoUser, type TestIdentity } from './support/identity';
import { seedAccessFixtures, type AccessFixtures } from './support/fixtures';

let identity: TestIdentity;
let t: TestApp;
let db: Db;
let fx: AccessFixtures;

const tz = 'Europe/Berlin';
const day = (n: number) => addDaysToLocalDate(localDateOf(new Date(), tz), n);

beforeAll(async () => {
  identity = await startTestIdentity();
  t = await createTestApp({ OIDC_ISSUER: identity.issuer });
  db = createPrismaClient({ databaseUrl: t.database.url });
  fx = await seedAccessFixtures(db);
  // Reisepass: two bookings per slot, one of them held back for counter and phone.
  await db.service.update({ where: { id: fx.services.reisepass! }, data: { slotCapacity: 2, internalPlaces: 1 } });
});
afterAll(async () => {
  await db?.$disconnect();
  await t?.close();
  await identity?.close();
});

async function as(user: DemoUser, method: 'GET' | 'POST', url: string, payload?: object, lang = 'de') {
  return t.app.inject({ method, url, headers: { authorization: `Bearer ${await identity.tokenFor(user)}`, 'accept-language': lang }, ...(payload ? { payload } : {}) });
}

const backoffice = (path = '') => `/api/v1/locations/${fx.mitteId}/backoffice${path}`;

async function citizenBooks(startsAt: Date, email: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/appointments',
    payload: {
      tenant: 'demo',
      locationId: fx.mitteId,
      serviceId: fx.services.reisepass,
      startsAt: startsAt.toISOString(),
      citizen: { name: 'Erika Online', email },
      smsOptIn: false,
      language: 'de',
      consent: true,
    },
  });
}

describe('booking on a citizen’s behalf', () => {
  it('uses the place held back for staff once citizens took the public share, and shows it only to staff', async () => {
    const [slot] = await createSlots(db, { locationId: fx.mitteId, startsAt: zonedToUtc(day(3), '09:00', tz), capacity: 4 });
    const startsAt = slot!.startsAt.toISOString();
    expect((await citizenBooks(slot!.startsAt, 'one@example.org')).statusCode).toBe(201);
    const second = await citizenBooks(slot!.startsAt, 'two@example.org');
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('slot_full');

    const publicTimes = await t.app.inject({ url: `/api/v1/tenants/demo/locations/${fx.mitteId}/availability/slots?serviceId=${fx.services.reisepass}&date=${day(3)}` });
    expect(publicTimes.json().slots.map((s: { startsAt: string }) => s.startsAt)).not.toContain(startsAt);
    const staffTimes = await as('staff', 'GET', backoffice(`/slots?serviceId=${fx.services.reisepass}&date=${day(3)}`));
    expect(staffTimes.json().slots.map((s: { startsAt: string }) => s.startsAt)).toContain(startsAt);

    const booked = await as('staff', 'POST', backoffice('/appointments'), {
      serviceId: fx.services.reisepass,
      startsAt,
      channel: 'phone',
      name: 'Karl Anrufer',
      email: 'karl@example.org',
      contactConsent: true,
      language: 'en',
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const row = await db.appointment.findUniqueOrThrow({ where: { id: booked.json().id } });
    expect(row).toMatchObject({ channel: 'phone', citizenEmail: 'karl@example.org', language: 'en', status: 'PENDING' });
    // The same outbox event as an online booking: the worker confirms it and sends the e-mail.
    const events = await db.outboxEvent.findMany({ where: { type: 'appointment.booked' } });
    expect(events.some((e) => (e.payload as { appointmentId: string }).appointmentId === row.id)).toBe(true);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: row.id } });
    expect(audit).toMatchObject({ action: 'appointment.staff_book', actorName: 'staff' });
    expect(JSON.stringify(audit.details)).not.toContain('karl');

    const full = await as('staff', 'POST', backoffice('/appointments'), { serviceId: fx.services.reisepass, startsAt, channel: 'counter', name: 'Noch Jemand' });
    expect(full.statusCode).toBe(409);
  });

  it('books without contact data, but refuses contact data without the citizen’s consent, in the clerk’s language', async () => {
    const [slot] = await createSlots(db, { locationId: fx.mitteId, startsAt: zonedToUtc(day(3), '10:00', tz), capacity: 4 });
    const body = { serviceId: fx.services.personalausweis, startsAt: slot!.startsAt.toISOString(), channel: 'counter', name: 'Ohne Kontakt' };
    const refused = await as('staff', 'POST', backoffice('/appointments'), { ...body, email: 'jemand@example.org' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual([expect.objectContaining({ field: 'contactConsent', code: 'field_consent_required' })]);
    expect(refused.json().error.fields[0].message).toMatch(/einverstanden/);
    const english = await as('staff', 'POST', backoffice('/appointments'), { ...body, phone: '030 1234567' }, 'en');
    expect(english.json().error.fields[0].message).toMatch(/agrees/);
    expect(await db.appointment.count({ where: { slots: { some: { slotId: slot!.id } } } })).toBe(0);

    const ok = await as('staff', 'POST', backoffice('/appointments'), body);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await db.appointment.findUniqueOrThrow({ where: { id: ok.json().id } })).toMatchObject({ citizenEmail: null, citizenPhone: null, channel: 'counter' });
    // The clerk at Kfz cannot book for Mitte.
    expect((await as('staff-kfz', 'POST', backoffice('/appointments'), body)).statusCode).toBe(404);
  });
});

describe('finding, cancelling and moving appointments', () => {
  it('finds today’s and later appointments by code or name, cancels and moves them with the citizen told', async () => {
    const slots = await createSlots(db, { locationId: fx.mitteId, startsAt: zonedToUtc(day(4), '08:00', tz), count: 3, capacity: 1 });
    const book = async (name: string, slot: { startsAt: Date }) => {
      const res = await as('staff', 'POST', backoffice('/appointments'), {
        serviceId: fx.services.anmeldung,
        startsAt: slot.startsAt.toISOString(),
        channel: 'phone',
        name,
        email: `${name.split(' ')[0]!.toLowerCase()}@example.org`,
        contactConsent: true,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; bookingCode: string };
    };
    const anna = await book('Anna Sucher_in', slots[0]!);
    const bernd = await book('Bernd Beispiel', slots[1]!);

    const byName = await as('staff', 'GET', backoffice('/appointments?q=sucher_'));
    expect(byName.json().appointments.map((a: { id: string }) => a.id)).toEqual([anna.id]);
    expect(byName.json().appointments[0]).toMatchObject({ citizenName: 'Anna Sucher_in', channel: 'phone', notified: true, status: 'PENDING' });
    const byCode = await as('staff', 'GET', backoffice(`/appointments?q=${bernd.bookingCode.replaceAll('-', '').toLowerCase()}`));
    expect(byCode.json().appointments.map((a: { id: string }) => a.id)).toEqual([bernd.id]);
    // LIKE's wildcard is taken literally, and the other office sees nothing of Mitte's.
    expect((await as('staff', 'GET', backoffice('/appointments?q=%25%25'))).json().appointments).toEqual([]);
    expect((await as('staff-kfz', 'GET', backoffice('/appointments?q=Anna'))).statusCode).toBe(404);
    expect((await as('staff', 'GET', backoffice('/appointments?q=A'))).statusCode).toBe(400);

    // Move Anna into Bernd's slot: full (one place), nothing changes; then into the free one.
    const intoFull = await as('staff', 'POST', backoffice(`/appointments/${anna.id}/reschedule`), { startsAt: slots[1]!.startsAt.toISOString() });
    expect(intoFull.statusCode).toBe(409);
    expect(intoFull.json().error.code).toBe('slot_full');
    const moved = await as('staff', 'POST', backoffice(`/appointments/${anna.id}/reschedule`), { startsAt: slots[2]!.startsAt.toISOString() });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().startsAt).toBe(slots[2]!.startsAt.toISOString());
    expect((await db.timeSlot.findUniqueOrThrow({ where: { id: slots[0]!.id } })).booked).toBe(0);
    const rescheduled = await db.outboxEvent.findMany({ where: { type: 'appointment.rescheduled' } });
    expect(rescheduled.some((e) => (e.payload as { appointmentId: string }).appointmentId === anna.id)).toBe(true);

    const cancelled = await as('staff', 'POST', backoffice(`/appointments/${bernd.id}/cancel`));
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().status).toBe('CANCELLED');
    expect((await db.timeSlot.findUniqueOrThrow({ where: { id: slots[1]!.id } })).booked).toBe(0);
    const notices = await db.outboxEvent.findMany({ where: { type: 'appointment.cancelled' } });
    expect(notices.some((e) => (e.payload as { appointmentId: string }).appointmentId === bernd.id)).toBe(true);
    const again = await as('staff', 'POST', backoffice(`/appointments/${bernd.id}/cancel`), undefined, 'en');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/cancel/i);
    const actions = await db.auditLog.findMany({ where: { entityId: { in: [anna.id, bernd.id] } }, orderBy: { createdAt: 'asc' }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(['appointment.staff_book', 'appointment.staff_book', 'appointment.staff_reschedule', 'appointment.staff_cancel']);
  });
});

describe('calling at counters with their own services', () => {
  it('gives two clerks calling at once at counters of different services each a citizen of their own services', async () => {
    const counters = await db.counter.findMany({ where: { locationId: fx.mitteId }, orderBy: { name: 'asc' } });
    const [passports, registrations] = [counters[0]!, counters[1]!];
    await db.counterService.deleteMany({ where: { counterId: { in: [passports.id, registrations.id] } } });
    await db.counterService.createMany({
      data: [
        { counterId: passports.id, serviceId: fx.services.reisepass! },
        { counterId: registrations.id, serviceId: fx.services.anmeldung! },
      ],
    });
    const walkIn = (serviceId: string) => as('staff', 'POST', `/api/v1/locations/${fx.mitteId}/queue/walk-ins`, { serviceId });
    for (let i = 0; i < 6; i++) expect((await walkIn(i % 2 === 0 ? fx.services.anmeldung! : fx.services.reisepass!)).statusCode).toBe(201);
    const callNext = (user: DemoUser, counterId: string) => as(user, 'POST', `/api/v1/locations/${fx.mitteId}/queue/call-next`, { counterId });
    const rounds = await Promise.all([0, 1, 2].map(() => Promise.all([callNext('staff', passports.id), callNext('admin', registrations.id)])));
    const passportCalls = rounds.map(([p]) => p.json().entry);
    const registrationCalls = rounds.map(([, r]) => r.json().entry);
    expect(passportCalls.map((e) => e.service.id)).toEqual([fx.services.reisepass, fx.services.reisepass, fx.services.reisepass]);
    expect(registrationCalls.map((e) => e.service.id)).toEqual([fx.services.anmeldung, fx.services.anmeldung, fx.services.anmeldung]);
    expect(new Set([...passportCalls, ...registrationCalls].map((e) => e.id)).size).toBe(6);
    // Nobody of the passport counter's service is left: it gets nobody, although registrations could be waiting.
    expect((await walkIn(fx.services.anmeldung!)).statusCode).toBe(201);
    expect((await callNext('staff', passports.id)).json().entry).toBeNull();
  });
});
