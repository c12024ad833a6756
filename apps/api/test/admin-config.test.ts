import { describe, expect, it } from 'vitest';
import { publishSlots } from '@termin/booking/admin';
import { bookDirectly } from '@termin/booking/testing/booked-appointment';
import { addDaysToLocalDate, localDateOf, weekdayOfLocalDate, zonedToUtc } from '@termin/domain';
import { publishSlotsJobId } from '@termin/jobs';
import { useAccessApp, type AccessApp } from './support/access-app';

let { identity, t, db, fx } = {} as AccessApp;

useAccessApp({}, (app) => ({ identity, t, db, fx } = app));

async function admin(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, lang = 'de') {
  return t.app.inject({
    method,
    url,
    ...(payload ? { payload } : {}),
    headers: { authorization: `Bearer ${await identity.tokenFor('admin')}`, 'accept-language': lang },
  });
}

/** The next Monday in Berlin at least a week ahead, so it lies inside the horizon and after any lead time. */
function nextMonday(): string {
  let day = addDaysToLocalDate(localDateOf(new Date(), 'Europe/Berlin'), 7);
  while (weekdayOfLocalDate(day) !== 1) day = addDaysToLocalDate(day, 1);
  return day;
}

const weekdays = [1, 2, 3, 4, 5];
const withLunchBreak = weekdays.flatMap((weekday) => [
  { weekday, opens: '08:00', closes: '12:00' },
  { weekday, opens: '13:00', closes: '16:00' },
]);

const locationInput = (serviceIds: string[], extra: object = {}) => ({
  name: 'Bürgeramt Nord',
  address: 'Nordstraße 1, 10115 Berlin',
  timezone: 'Europe/Berlin',
  slotMinutes: 15,
  checkinEarlyMinutes: 20,
  checkinLateMinutes: 10,
  contactDe: 'Telefon 030 123',
  contactEn: 'Phone +49 30 123',
  directionsDe: 'U-Bahn Nordbahnhof',
  directionsEn: 'Underground Nordbahnhof',
  active: true,
  serviceIds,
  ...extra,
});

const serviceInput = (slug: string, ticketPrefix: string, durationMinutes: number) => ({
  slug,
  nameDe: `Dienst ${slug}`,
  nameEn: `Service ${slug}`,
  descriptionDe: null,
  descriptionEn: null,
  durationMinutes,
  ticketPrefix,
  documentsDe: 'Personalausweis, Meldebescheinigung',
  documentsEn: 'Identity card, registration certificate',
  feeCents: 3700,
  slotCapacity: 2,
  internalPlaces: 1,
  active: true,
});

describe('an admin configures an office and its slots are published', () => {
  let locationId: string;
  let serviceIds: string[];
  let monday: string;

  it('creates two services, a location offering them, three counters, opening hours with a lunch break and a closure', async () => {
    const short = await admin('POST', '/api/v1/admin/services', serviceInput('beglaubigung', 'B', 15));
    const long = await admin('POST', '/api/v1/admin/services', serviceInput('einbuergerung', 'E', 30));
    expect(short.statusCode, short.body).toBe(201);
    expect(long.statusCode, long.body).toBe(201);
    expect(long.json()).toMatchObject({ ticketPrefix: 'E', feeCents: 3700, slotCapacity: 2, internalPlaces: 1, version: 1 });
    serviceIds = [short.json().id, long.json().id];

    const location = await admin('POST', '/api/v1/admin/locations', { slug: 'buergeramt-nord', ...locationInput(serviceIds) });
    expect(location.statusCode, location.body).toBe(201);
    expect(location.json()).toMatchObject({ slug: 'buergeramt-nord', timezone: 'Europe/Berlin', version: 1, serviceIds: [...serviceIds].sort() });
    locationId = location.json().id;

    for (const name of ['1', '2', '3']) {
      const counter = await admin('POST', `/api/v1/admin/locations/${locationId}/counters`, {
        name,
        active: true,
        serviceIds: name === '3' ? [serviceIds[1]] : serviceIds,
      });
      expect(counter.statusCode, counter.body).toBe(201);
    }
    const counters = await admin('GET', `/api/v1/admin/locations/${locationId}/counters`);
    expect(counters.json().counters.map((c: { name: string; serviceIds: string[] }) => [c.name, c.serviceIds.length])).toEqual([
      ['1', 2],
      ['2', 2],
      ['3', 1],
    ]);

    const hours = await admin('PUT', `/api/v1/admin/locations/${locationId}/opening-hours`, { version: 1, schedules: [{ validFrom: null, intervals: withLunchBreak }] });
    expect(hours.statusCode, hours.body).toBe(200);
    expect(hours.json()).toMatchObject({ version: 2, affected: [] });
    expect(hours.json().schedules[0].intervals).toHaveLength(10);

    monday = nextMonday();
    const closureDay = addDaysToLocalDate(monday, 1);
    const closure = await admin('POST', `/api/v1/admin/locations/${locationId}/closures`, {
      date: closureDay,
      endDate: addDaysToLocalDate(closureDay, 1),
      reason: 'Umzug der EDV',
      reasonEn: 'IT move',
    });
    expect(closure.statusCode, closure.body).toBe(201);
    expect(closure.json()).toMatchObject({ date: closureDay, endDate: addDaysToLocalDate(closureDay, 1), affected: [] });

    // Every write is in the audit log, with who did it and no citizen data.
    const audit = await db.auditLog.findMany({ where: { tenantId: fx.demoTenantId }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual([
      'service.created',
      'service.created',
      'location.created',
      'counter.created',
      'counter.created',
      'counter.created',
      'opening_hours.replaced',
      'closure.created',
    ]);
    expect(new Set(audit.map((a) => a.actorName))).toEqual(new Set(['admin']));
  });

  it('asks the worker to publish after each rule change, once per rules version', async () => {
    const { rulesVersion } = await db.location.findUniqueOrThrow({ where: { id: locationId } });
    expect(rulesVersion).toBe(5); // three counters, the opening hours, the closure
    const job = await t.app.jobs['publish-slots'].getJob(publishSlotsJobId(locationId, rulesVersion));
    expect(job?.data).toEqual({ locationId, rulesVersion });
  });

  it('previews the slots of proposed hours: none in the lunch break, nothing saved', async () => {
    const before = await db.timeSlot.count({ where: { locationId } });
    const res = await admin('POST', `/api/v1/admin/locations/${locationId}/opening-hours/preview`, {
      schedules: [{ validFrom: null, intervals: withLunchBreak }],
      from: monday,
      to: addDaysToLocalDate(monday, 2),
    });
    expect(res.statusCode, res.body).toBe(200);
    const days = res.json().days as { date: string; slots: { localTime: string; capacity: number }[] }[];
    // Tuesday and Wednesday are closed.
    expect(days.map((d) => d.date)).toEqual([monday]);
    const times = days[0]!.slots.map((s) => s.localTime);
    expect(times).toHaveLength(16 + 12);
    expect(times).toContain('11:45');
    expect(times).not.toContain('12:00');
    expect(times).toContain('13:00');
    expect(days[0]!.slots[0]!.capacity).toBe(3);
    expect(await db.timeSlot.count({ where: { locationId } })).toBe(before);
  });

  it('reports a change that hits a booking before saving, and saving it cancels nothing', async () => {
    await publishSlots({ db, now: new Date(), locationId });
    const eight = zonedToUtc(monday, '08:00', 'Europe/Berlin');
    const slot = await db.timeSlot.findUniqueOrThrow({ where: { locationId_startsAt: { locationId, startsAt: eight } } });
    const booking = await bookDirectly(db, {
      tenantId: fx.demoTenantId,
      locationId,
      serviceId: serviceIds[0]!,
      slots: [slot],
      email: 'erika@example.org',
      contactHashSecret: 'x',
    });
    const later = weekdays.flatMap((weekday) => [
      { weekday, opens: '09:00', closes: '12:00' },
      { weekday, opens: '13:00', closes: '16:00' },
    ]);

    const preview = await admin('POST', `/api/v1/admin/locations/${locationId}/opening-hours/preview`, {
      schedules: [{ validFrom: null, intervals: later }],
      from: monday,
      to: monday,
    });
    expect(preview.json().affected).toEqual([
      expect.objectContaining({ bookingCode: booking.bookingCode, localDate: monday, localTime: '08:00', serviceId: serviceIds[0] }),
    ]);
    expect(JSON.stringify(preview.json())).not.toContain('erika');

    const { version } = await db.location.findUniqueOrThrow({ where: { id: locationId } });
    const refused = await admin('PUT', `/api/v1/admin/locations/${locationId}/opening-hours`, { version, schedules: [{ validFrom: null, intervals: later }] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('rule_change_hits_bookings');
    expect(await db.openingHours.count({ where: { locationId, opens: '08:00' } })).toBe(5);

    const saved = await admin('PUT', `/api/v1/admin/locations/${locationId}/opening-hours`, {
      version,
      schedules: [{ validFrom: null, intervals: later }],
      keepAffectedBookings: true,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().affected.map((a: { bookingCode: string }) => a.bookingCode)).toEqual([booking.bookingCode]);
    await publishSlots({ db, now: new Date(), locationId });

    expect((await db.appointment.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe('CONFIRMED');
    // The booked slot stays, full; the other 08:xx slots of that Monday are gone.
    expect(await db.timeSlot.findUniqueOrThrow({ where: { id: slot.id } })).toMatchObject({ booked: 1, capacity: 1 });
    const mondaySlots = await db.timeSlot.findMany({
      where: { locationId, startsAt: { gte: eight, lt: zonedToUtc(monday, '09:00', 'Europe/Berlin') } },
    });
    expect(mondaySlots.map((s) => s.id)).toEqual([slot.id]);
  });

  it('refuses a stale version with 409 and a message in the requester language', async () => {
    const current = await admin('GET', `/api/v1/admin/locations/${locationId}`);
    const { version, id: _id, slug: _slug, ...rest } = current.json();
    const first = await admin('PUT', `/api/v1/admin/locations/${locationId}`, { ...rest, version, name: 'Bürgeramt Nord (neu)' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().version).toBe(version + 1);
    const second = await admin('PUT', `/api/v1/admin/locations/${locationId}`, { ...rest, version, name: 'Bürgeramt Nord (alt)' }, 'en');
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'version_conflict', message: expect.stringContaining('changed this entry') });
    const german = await admin('PUT', `/api/v1/admin/locations/${locationId}`, { ...rest, version, name: 'Bürgeramt Nord (alt)' });
    expect(german.json().error.message).toContain('inzwischen geändert');
    expect((await db.location.findUniqueOrThrow({ where: { id: locationId } })).name).toBe('Bürgeramt Nord (neu)');
  });

  it('lists the public holidays of the Bundesland with the local ones an admin adds', async () => {
    const added = await admin('POST', '/api/v1/admin/holidays', { date: '2027-06-12', nameDe: 'Stadtfest', nameEn: 'Town festival' });
    expect(added.statusCode, added.body).toBe(201);
    const list = await admin('GET', '/api/v1/admin/holidays?year=2027');
    expect(list.json().state).toBe('BE');
    const holidays = list.json().holidays as { date: string; kind: string; nameDe: string }[];
    expect(holidays).toContainEqual(expect.objectContaining({ date: '2027-03-08', kind: 'public', nameDe: 'Weltfrauentag' }));
    expect(holidays).toContainEqual(expect.objectContaining({ date: '2027-06-12', kind: 'local', nameDe: 'Stadtfest' }));
    const again = await admin('POST', '/api/v1/admin/holidays', { date: '2027-06-12', nameDe: 'Doppelt', nameEn: 'Twice' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields).toEqual([expect.objectContaining({ field: 'date', code: 'holiday_exists' })]);
  });
});

describe('bad input is answered with field errors and writes nothing', () => {
  async function expectRefused(res: Awaited<ReturnType<typeof admin>>, field: string, code: string) {
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.fields).toContainEqual(expect.objectContaining({ field, code, message: expect.any(String) }));
  }

  it('end before start and overlapping intervals in opening hours', async () => {
    const { version } = await db.location.findUniqueOrThrow({ where: { id: fx.mitteId } });
    const before = await db.openingHours.findMany({ where: { locationId: fx.mitteId }, orderBy: { id: 'asc' } });
    const backwards = await admin('PUT', `/api/v1/admin/locations/${fx.mitteId}/opening-hours`, {
      version,
      schedules: [{ validFrom: null, intervals: [{ weekday: 1, opens: '12:00', closes: '08:00' }] }],
    });
    await expectRefused(backwards, 'schedules.0.intervals.0.closes', 'end_before_start');
    const overlapping = await admin('PUT', `/api/v1/admin/locations/${fx.mitteId}/opening-hours`, {
      version,
      schedules: [
        {
          validFrom: null,
          intervals: [
            { weekday: 2, opens: '08:00', closes: '12:00' },
            { weekday: 2, opens: '11:00', closes: '15:00' },
          ],
        },
      ],
    });
    await expectRefused(overlapping, 'schedules.0.intervals.1', 'intervals_overlap');
    expect(overlapping.json().error.fields[0].message).toBe('Überschneidet sich mit Zeitraum 1 desselben Wochentags');
    expect(await db.openingHours.findMany({ where: { locationId: fx.mitteId }, orderBy: { id: 'asc' } })).toEqual(before);
    expect((await db.location.findUniqueOrThrow({ where: { id: fx.mitteId } })).version).toBe(version);
  });

  it('an unknown time zone, and a slot length that does not divide a service duration', async () => {
    const count = await db.location.count();
    await expectRefused(
      await admin('POST', '/api/v1/admin/locations', { slug: 'mars', ...locationInput([fx.services.personalausweis!], { timezone: 'Mars/Olympus_Mons' }) }),
      'timezone',
      'invalid_timezone',
    );
    // Kfz-Zulassung takes 30 minutes: 20-minute slots do not fit it.
    await expectRefused(
      await admin('POST', '/api/v1/admin/locations', { slug: 'zwanzig', ...locationInput([fx.services['kfz-zulassung']!], { slotMinutes: 20 }) }),
      'slotMinutes',
      'slot_length_not_dividing',
    );
    await expectRefused(
      await admin('POST', '/api/v1/admin/locations', { slug: 'fremd', ...locationInput(['00000000-0000-4000-8000-000000000000']) }),
      'serviceIds',
      'unknown_service',
    );
    expect(await db.location.count()).toBe(count);
  });

  it('a ticket prefix another service has, and a closure ending before it starts', async () => {
    const services = await db.service.count();
    await expectRefused(await admin('POST', '/api/v1/admin/services', serviceInput('doppelt', 'A', 15)), 'ticketPrefix', 'ticket_prefix_taken');
    await expectRefused(
      await admin('POST', '/api/v1/admin/services', { ...serviceInput('klein', 'Q', 15), internalPlaces: 3 }),
      'internalPlaces',
      'internal_places_exceed_capacity',
    );
    await expectRefused(await admin('POST', '/api/v1/admin/services', { ...serviceInput('klein', 'q', 15) }), 'ticketPrefix', 'field_invalid');
    expect(await db.service.count()).toBe(services);
    const closures = await db.closure.count();
    await expectRefused(
      await admin('POST', `/api/v1/admin/locations/${fx.mitteId}/closures`, { date: '2031-05-10', endDate: '2031-05-09', reason: 'Umbau' }),
      'endDate',
      'end_before_start',
    );
    expect(await db.closure.count()).toBe(closures);
    expect(await db.auditLog.count({ where: { action: { in: ['service.created', 'closure.created'] }, entityId: null } })).toBe(0);
  });
});

describe('emergency closure', () => {
  /** An IANA zone where it is about noon now, so "the rest of today" holds the test's appointments. */
  function zoneAtNoon(): string {
    const offset = Math.max(-12, Math.min(14, 12 - new Date().getUTCHours()));
    return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  }

  it("cancels exactly the rest of today's open appointments after an explicit confirmation, one cancellation message each", async () => {
    const created = await admin('POST', '/api/v1/admin/locations', {
      slug: 'notfall',
      ...locationInput([fx.services.personalausweis!], { timezone: zoneAtNoon(), name: 'Bürgeramt Süd' }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const locationId = created.json().id as string;
    const now = Date.now();
    const slotAt = (ms: number) => db.timeSlot.create({ data: { locationId, startsAt: new Date(ms), endsAt: new Date(ms + 15 * 60_000), capacity: 2 } });
    const book = async (ms: number, status: 'CONFIRMED' | 'PENDING' | 'CHECKED_IN' = 'CONFIRMED') =>
      bookDirectly(db, {
        tenantId: fx.demoTenantId,
        locationId,
        serviceId: fx.services.personalausweis!,
        slots: [await slotAt(ms)],
        email: `c${ms}@example.org`,
        contactHashSecret: 'x',
        status,
      });
    const soon = await book(now + 60 * 60_000);
    const pending = await book(now + 2 * 60 * 60_000, 'PENDING');
    const inside = await book(now + 30 * 60_000, 'CHECKED_IN');
    const tomorrow = await book(now + 26 * 60 * 60_000);
    const elsewhere = await bookDirectly(db, {
      tenantId: fx.demoTenantId,
      locationId: fx.mitteId,
      serviceId: fx.services.personalausweis!,
      slots: [await db.timeSlot.create({ data: { locationId: fx.mitteId, startsAt: new Date(now + 3600_000), endsAt: new Date(now + 4500_000), capacity: 1 } })],
      email: 'mitte@example.org',
      contactHashSecret: 'x',
    });
    const eventsBefore = await db.outboxEvent.count({ where: { type: 'appointment.cancelled' } });

    const unconfirmed = await admin('POST', `/api/v1/admin/locations/${locationId}/emergency-closure`, { reason: 'Wasserschaden' });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json().error.fields).toContainEqual(expect.objectContaining({ field: 'confirm' }));
    expect((await db.appointment.findUniqueOrThrow({ where: { id: soon.id } })).status).toBe('CONFIRMED');

    const res = await admin('POST', `/api/v1/admin/locations/${locationId}/emergency-closure`, { confirm: true, reason: 'Wasserschaden', reasonEn: 'Water damage' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().cancelled.map((a: { bookingCode: string }) => a.bookingCode)).toEqual([soon.bookingCode, pending.bookingCode]);

    const status = async (id: string) => (await db.appointment.findUniqueOrThrow({ where: { id } })).status;
    expect(await status(soon.id)).toBe('CANCELLED');
    expect(await status(pending.id)).toBe('CANCELLED');
    // Recorded as the office's cancellation, which the statistics count apart from the citizens' own.
    const by = await db.appointment.findMany({ where: { id: { in: [soon.id, pending.id] } }, select: { cancelledBy: true } });
    expect(by.map((a) => a.cancelledBy)).toEqual(['OFFICE', 'OFFICE']);
    expect(await status(inside.id)).toBe('CHECKED_IN');
    expect(await status(tomorrow.id)).toBe('CONFIRMED');
    expect(await status(elsewhere.id)).toBe('CONFIRMED');
    // Their places are free again, and each cancelled booking has one event for its message.
    expect(await db.appointmentSlot.count({ where: { appointmentId: { in: [soon.id, pending.id] } } })).toBe(0);
    const events = await db.outboxEvent.findMany({ where: { type: 'appointment.cancelled' }, orderBy: { createdAt: 'asc' } });
    expect(events).toHaveLength(eventsBefore + 2);
    expect(events.slice(-2).map((e) => e.payload)).toEqual(
      expect.arrayContaining([
        { appointmentId: soon.id, sequence: 1 },
        { appointmentId: pending.id, sequence: 1 },
      ]),
    );
    expect(await db.auditLog.findFirst({ where: { action: 'location.emergency_closure', locationId } })).toMatchObject({
      details: expect.objectContaining({ cancelled: 2 }),
    });
  });
});
