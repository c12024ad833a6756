import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditActor } from '@termin/db';
import { contactHash, generateBookingCode, type AppointmentStatus } from '@termin/domain';
import { waitFor } from '@termin/testkit/wait';
import { createDataRequests, type DataRequests } from '../src';
import { manageFixtures, minutes, NOW, SECRET, type ManageFixtures } from './manage-fixtures';

let fx: ManageFixtures;
let requests: DataRequests;
let otherTenantId: string;
let otherLocationId: string;
let otherServiceId: string;

const day = 24 * 3600_000;
const ERIKA = 'Erika.Muster@Example.org';
const erikaHash = contactHash(SECRET, ERIKA);
const admin = (tenantId: string): AuditActor => ({ sub: 'admin-sub', username: 'admin', roles: ['admin'], tenantId });

beforeAll(async () => {
  fx = await manageFixtures();
  requests = createDataRequests({ db: fx.db, now: () => NOW, contactHashSecret: SECRET });
  const other = await fx.db.tenant.create({ data: { slug: 'andere', name: 'Andere Stadt' } });
  const location = await fx.db.location.create({ data: { tenantId: other.id, slug: 'mitte', name: 'Bürgeramt Andere', address: 'Markt 1' } });
  const service = await fx.db.service.create({ data: { tenantId: other.id, slug: 'pass', nameDe: 'Pass', nameEn: 'Passport', ticketPrefix: 'P' } });
  otherTenantId = other.id;
  otherLocationId = location.id;
  otherServiceId = service.id;
});
afterAll(async () => fx?.close());

interface Booking {
  tenantId: string;
  locationId: string;
  serviceId: string;
  email: string;
  name: string;
  startsAt: Date;
  status: AppointmentStatus;
}

/** An appointment as booking, confirmation, check-in and the worker leave it: messages logged, a ticket, counters. */
async function booked(b: Booking) {
  const hash = contactHash(SECRET, b.email);
  const appointment = await fx.db.appointment.create({
    data: {
      tenantId: b.tenantId,
      locationId: b.locationId,
      serviceId: b.serviceId,
      startsAt: b.startsAt,
      endsAt: new Date(b.startsAt.getTime() + minutes(15)),
      status: b.status,
      bookingCode: generateBookingCode(),
      contactHash: hash,
      citizenName: b.name,
      citizenEmail: b.email,
      citizenPhone: '+4915112345678',
      idempotencyKey: `key-${b.email}-${b.startsAt.getTime()}`,
      bookedAt: new Date(b.startsAt.getTime() - 3 * day),
    },
  });
  await fx.db.notificationLog.create({
    data: {
      appointmentId: appointment.id,
      channel: 'EMAIL',
      kind: 'confirmation',
      dedupeKey: `email:confirmation:${appointment.id}:0`,
      status: 'SENT',
      sentAt: b.startsAt,
    },
  });
  await fx.db.notificationLog.create({
    data: {
      appointmentId: appointment.id,
      channel: 'EMAIL',
      kind: 'reminder',
      dedupeKey: `email:reminder:${appointment.id}:0`,
      status: 'FAILED',
      // A relay's refusal may quote the address; the row goes with the person.
      reason: `SMTP 550 <${b.email.toLowerCase()}> mailbox unavailable`,
    },
  });
  if (b.status === 'DONE') {
    await fx.db.queueEntry.create({
      data: {
        tenantId: b.tenantId,
        locationId: b.locationId,
        serviceId: b.serviceId,
        appointmentId: appointment.id,
        kind: 'APPOINTMENT',
        status: 'DONE',
        ticketNumber: `P${String(Math.floor(Math.random() * 900) + 100)}`,
        localDate: new Date(b.startsAt.toISOString().slice(0, 10)),
      },
    });
  }
  await fx.db.contactHistory.upsert({
    where: { tenantId_contactHash: { tenantId: b.tenantId, contactHash: hash } },
    create: { tenantId: b.tenantId, contactHash: hash, appointments: 1, noShows: b.status === 'NOSHOW' ? 1 : 0, lastSeenAt: b.startsAt },
    update: { appointments: { increment: 1 }, noShows: { increment: b.status === 'NOSHOW' ? 1 : 0 } },
  });
  return appointment;
}

/** Every text and JSON column of every table of the database, searched for `needle`: "table.column" → rows. */
async function whereStored(needle: string): Promise<Record<string, number>> {
  const columns = await fx.db.$queryRaw<{ table_name: string; column_name: string }[]>`
    SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'USER-DEFINED', 'ARRAY')`;
  const hits: Record<string, number> = {};
  for (const { table_name, column_name } of columns) {
    const [row] = await fx.db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "${table_name}" WHERE lower("${column_name}"::text) LIKE '%' || lower($1) || '%'`,
      needle,
    );
    if (row!.n > 0) hits[`${table_name}.${column_name}`] = row!.n;
  }
  return hits;
}

/** What the statistics count: appointments per tenant, status and day. */
async function statistics() {
  return fx.db.$queryRaw<{ tenantId: string; status: string; day: string; n: number }[]>`
    SELECT "tenantId"::text, status::text, to_char("startsAt", 'YYYY-MM-DD') AS day, count(*)::int AS n
      FROM "Appointment" GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
}

describe('data-protection requests', () => {
  it("exports exactly the person's data: not another citizen's, not another municipality's with the same address", async () => {
    const mitte = { tenantId: fx.tenantId, locationId: fx.mitteId, serviceId: Object.values(fx.services)[0]! };
    const first = await booked({ ...mitte, email: ERIKA, name: 'Erika Muster', startsAt: new Date(NOW.getTime() - 20 * day), status: 'DONE' });
    const second = await booked({ ...mitte, email: 'erika.muster@example.org', name: 'E. Muster', startsAt: new Date(NOW.getTime() - 10 * day), status: 'NOSHOW' });
    const max = await booked({ ...mitte, email: 'max@example.org', name: 'Max Meier', startsAt: new Date(NOW.getTime() - 10 * day), status: 'DONE' });
    const elsewhere = await booked({
      tenantId: otherTenantId,
      locationId: otherLocationId,
      serviceId: otherServiceId,
      email: ERIKA,
      name: 'Erika Muster',
      startsAt: new Date(NOW.getTime() - 5 * day),
      status: 'CANCELLED',
    });

    // The address as typed in any case, and either booking code, find the same person.
    const byEmail = await requests.export(admin(fx.tenantId), { by: 'email', email: '  ERIKA.MUSTER@example.ORG ' });
    const byCode = await requests.find(admin(fx.tenantId), { by: 'bookingCode', bookingCode: second.bookingCode.toLowerCase().replaceAll('-', ' ') });
    expect({ ...byCode, generatedAt: byEmail.generatedAt }).toEqual(byEmail);

    expect(byEmail.appointments.map((a) => a.id)).toEqual([first.id, second.id]);
    expect(byEmail.appointments.map((a) => [a.status, a.citizenName, a.location.id, a.timezone])).toEqual([
      ['DONE', 'Erika Muster', fx.mitteId, 'Europe/Berlin'],
      ['NOSHOW', 'E. Muster', fx.mitteId, 'Europe/Berlin'],
    ]);
    expect(byEmail.appointments[0]!.ticketNumber).toMatch(/^P\d{3}$/);
    expect(byEmail.contact).toEqual({ names: ['Erika Muster', 'E. Muster'], emails: [ERIKA, 'erika.muster@example.org'], phones: ['+4915112345678'] });
    expect(byEmail.appointments.flatMap((a) => a.notifications.map((n) => [n.kind, n.status]))).toEqual([
      ['confirmation', 'SENT'],
      ['reminder', 'FAILED'],
      ['confirmation', 'SENT'],
      ['reminder', 'FAILED'],
    ]);
    expect(byEmail.contactHistory).toMatchObject({ appointments: 2, noShows: 1 });
    expect(byEmail.openAppointments).toBe(0);
    const exported = JSON.stringify(byEmail);
    for (const foreign of [max.id, max.bookingCode, 'Max Meier', 'max@example.org', elsewhere.id, elsewhere.bookingCode, 'Markt 1'])
      expect(exported).not.toContain(foreign);

    // The other municipality sees its own booking of the same address, and nothing of the first's.
    const there = await requests.find(admin(otherTenantId), { by: 'email', email: ERIKA });
    expect(there.appointments.map((a) => a.id)).toEqual([elsewhere.id]);
    await expect(requests.find(admin(otherTenantId), { by: 'bookingCode', bookingCode: first.bookingCode })).rejects.toMatchObject({ code: 'data_subject_not_found' });
    await expect(requests.find(admin(fx.tenantId), { by: 'email', email: 'nobody@example.org' })).rejects.toMatchObject({ code: 'data_subject_not_found' });
    await expect(requests.find(admin(fx.tenantId), { by: 'bookingCode', bookingCode: 'not a code' })).rejects.toMatchObject({ status: 'invalid' });

    // Each look-up is audited: who looked, how, how much; never whom.
    const audits = await fx.db.auditLog.findMany({ where: { tenantId: fx.tenantId, action: { startsWith: 'data_request.' } }, orderBy: { createdAt: 'asc' } });
    expect(audits.map((a) => [a.action, a.details])).toEqual([
      ['data_request.export', { by: 'email', appointments: 2 }],
      ['data_request.view', { by: 'bookingCode', appointments: 2 }],
    ]);
  });

  it('refuses erasure while an appointment is still ahead, and changes nothing', async () => {
    const mitte = { tenantId: fx.tenantId, locationId: fx.mitteId, serviceId: Object.values(fx.services)[0]! };
    const ahead = await booked({ ...mitte, email: 'future@example.org', name: 'Fritz Future', startsAt: new Date(NOW.getTime() + 2 * day), status: 'CONFIRMED' });
    await expect(requests.erase(admin(fx.tenantId), { by: 'email', email: 'future@example.org' })).rejects.toMatchObject({
      code: 'data_subject_has_open_appointments',
      params: { count: 1 },
    });
    expect(await fx.db.appointment.findUniqueOrThrow({ where: { id: ahead.id } })).toMatchObject({ citizenEmail: 'future@example.org', anonymisedAt: null });
    expect(await fx.db.notificationLog.count({ where: { appointmentId: ahead.id } })).toBe(2);
    expect(await fx.db.auditLog.count({ where: { action: 'data_request.erase' } })).toBe(0);
  });

  it('erases the person so that nothing leads back to the address, and the statistics stay as they were', async () => {
    const before = await statistics();
    expect(await whereStored(ERIKA)).not.toEqual({});

    const erased = await requests.erase(admin(fx.tenantId), { by: 'email', email: ERIKA });
    expect(erased).toEqual({ anonymisedAppointments: 2, deletedNotifications: 4, forgottenContacts: 1 });

    expect(await statistics()).toEqual(before);
    // What is left of the address and its hash is the other municipality's booking only.
    expect(await whereStored(ERIKA)).toEqual({ 'Appointment.citizenEmail': 1, 'Appointment.idempotencyKey': 1, 'NotificationLog.reason': 1 });
    expect(await whereStored(erikaHash)).toEqual({ 'Appointment.contactHash': 1, 'ContactHistory.contactHash': 1 });
    expect(await fx.db.appointment.count({ where: { contactHash: erikaHash, tenantId: otherTenantId } })).toBe(1);
    // The person is gone: by address and by their old booking codes.
    await expect(requests.find(admin(fx.tenantId), { by: 'email', email: ERIKA })).rejects.toMatchObject({ code: 'data_subject_not_found' });
    const codes = await fx.db.appointment.findMany({ where: { tenantId: fx.tenantId, anonymisedAt: { not: null }, citizenName: null }, select: { bookingCode: true } });
    for (const { bookingCode } of codes) {
      await expect(requests.find(admin(fx.tenantId), { by: 'bookingCode', bookingCode })).rejects.toMatchObject({ code: 'data_subject_not_found' });
    }
    // Another citizen of the same office keeps everything.
    expect(await fx.db.appointment.count({ where: { citizenEmail: 'max@example.org', anonymisedAt: null } })).toBe(1);

    // The erasure is audited with counts only.
    const audit = await fx.db.auditLog.findFirstOrThrow({ where: { action: 'data_request.erase' } });
    expect(audit).toMatchObject({ tenantId: fx.tenantId, entityType: 'data_subject', entityId: null, details: { by: 'email', ...erased } });

    // Once the other municipality erases its booking too, the address and its hash are nowhere.
    await requests.erase(admin(otherTenantId), { by: 'email', email: ERIKA });
    expect(await whereStored(ERIKA)).toEqual({});
    expect(await whereStored(erikaHash)).toEqual({});
    expect(await statistics()).toEqual(before);
  });

  it('waits for a booking of the same person that is under way, and then refuses to erase the new appointment', async () => {
    const email = 'renate.renner@example.org';
    const hash = contactHash(SECRET, email);
    const mitte = { tenantId: fx.tenantId, locationId: fx.mitteId, serviceId: fx.services.personalausweis! };
    const old = await booked({ ...mitte, email, name: 'Renate Renner', startsAt: new Date(NOW.getTime() - 3 * day), status: 'DONE' });

    // A booking under way holds the contact's lock (as termin_book_appointments takes it) until it commits.
    let lockTaken!: () => void;
    const taken = new Promise<void>((resolve) => (lockTaken = resolve));
    let commit!: () => void;
    const committing = new Promise<void>((resolve) => (commit = resolve));
    const booking = fx.db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended('booking:' || ${fx.tenantId}::text || ':' || ${hash}, 0))) l`;
        lockTaken();
        await committing;
        await tx.appointment.create({
          data: {
            ...mitte,
            startsAt: new Date(NOW.getTime() + 2 * day),
            endsAt: new Date(NOW.getTime() + 2 * day + minutes(15)),
            status: 'PENDING',
            bookingCode: generateBookingCode(),
            contactHash: hash,
            citizenName: 'Renate Renner',
            citizenEmail: email,
          },
        });
      },
      { maxWait: 10_000, timeout: 30_000 },
    );
    await taken;
    const erasure = requests.erase(admin(fx.tenantId), { by: 'email', email });
    erasure.catch(() => undefined);
    await waitFor('the erasure waiting for the contact lock', async () => {
      const [row] = await fx.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`;
      return row!.n > 0 ? true : null;
    });
    commit();
    await booking;

    await expect(erasure).rejects.toMatchObject({ code: 'data_subject_has_open_appointments', params: { count: 1 } });
    expect(await fx.db.appointment.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({ citizenEmail: email, anonymisedAt: null });
    expect(await fx.db.appointment.count({ where: { contactHash: hash, citizenEmail: email } })).toBe(2);
  });
});
