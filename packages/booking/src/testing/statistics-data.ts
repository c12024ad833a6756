import { randomUUID } from 'node:crypto';
import type { AppointmentStatus, CancelledBy, Db, QueueEntryStatus } from '@termin/db';
import { generateBookingCode, localDateOf } from '@termin/domain';

/**
 * A known data set for the statistics, around the end of summer time in Berlin (Sunday
 * 2026-10-25, 03:00 CEST → 02:00 CET, a day of 25 hours): the range 2026-10-24 to 2026-10-25 holds
 * nine appointments of two services, two of them at 02:30 on the Sunday (once in summer, once in
 * winter time), two just outside at each end, two walk-ins inside and one outside, and slots
 * inside and outside. Made directly in the database: the figures the tests expect are worked out
 * by hand from these rows. Another municipality has an appointment in the range that must never
 * count. The service names can be given, e.g. a formula, to test the CSV.
 */
export const STATISTICS_RANGE = { from: '2026-10-24', to: '2026-10-25' } as const;

export interface StatisticsData {
  tenantId: string;
  locationId: string;
  otherLocationId: string;
  serviceA: string;
  serviceB: string;
}

interface Visit {
  service: 'A' | 'B';
  startsAt: string;
  status: AppointmentStatus;
  cancelledBy?: CancelledBy;
  /** The queue entry, when the citizen checked in: check-in, call, done (UTC). */
  queue?: { checkedInAt: string; calledAt?: string; completedAt?: string; status: QueueEntryStatus };
}

const VISITS: Visit[] = [
  // Saturday 09:00 CEST, two done.
  {
    service: 'A',
    startsAt: '2026-10-24T07:00:00Z',
    status: 'DONE',
    queue: { checkedInAt: '2026-10-24T06:55:00Z', calledAt: '2026-10-24T07:05:00Z', completedAt: '2026-10-24T07:15:00Z', status: 'DONE' },
  },
  {
    service: 'A',
    startsAt: '2026-10-24T07:00:00Z',
    status: 'DONE',
    queue: { checkedInAt: '2026-10-24T06:50:00Z', calledAt: '2026-10-24T07:10:00Z', completedAt: '2026-10-24T07:30:00Z', status: 'DONE' },
  },
  // Saturday 10:00: checked in, then not there when called; and one the citizen cancelled.
  {
    service: 'A',
    startsAt: '2026-10-24T08:00:00Z',
    status: 'NOSHOW',
    queue: { checkedInAt: '2026-10-24T07:58:00Z', calledAt: '2026-10-24T08:00:00Z', completedAt: '2026-10-24T08:05:00Z', status: 'NOSHOW' },
  },
  { service: 'B', startsAt: '2026-10-24T08:00:00Z', status: 'CANCELLED', cancelledBy: 'CITIZEN' },
  // Saturday 00:30 CEST: the first half hour of the range; confirmed, nobody came.
  { service: 'B', startsAt: '2026-10-23T22:30:00Z', status: 'CONFIRMED' },
  // Sunday 02:30 CEST, and 02:30 CET an hour later (the office cancelled that one).
  {
    service: 'B',
    startsAt: '2026-10-25T00:30:00Z',
    status: 'DONE',
    queue: { checkedInAt: '2026-10-25T00:25:00Z', calledAt: '2026-10-25T00:40:00Z', completedAt: '2026-10-25T01:00:00Z', status: 'DONE' },
  },
  { service: 'B', startsAt: '2026-10-25T01:30:00Z', status: 'CANCELLED', cancelledBy: 'OFFICE' },
  // Sunday 11:00 CET: cancelled before who-cancelled was recorded, and one waiting in the queue.
  { service: 'A', startsAt: '2026-10-25T10:00:00Z', status: 'CANCELLED' },
  { service: 'A', startsAt: '2026-10-25T10:00:00Z', status: 'CHECKED_IN', queue: { checkedInAt: '2026-10-25T09:58:00Z', status: 'WAITING' } },
  // Outside: Friday 23:30 CEST and Monday 00:30 CET.
  { service: 'A', startsAt: '2026-10-23T21:30:00Z', status: 'CONFIRMED' },
  { service: 'A', startsAt: '2026-10-25T23:30:00Z', status: 'CONFIRMED' },
];

const WALK_INS: { service: 'A' | 'B'; localDate: string; checkedInAt: string; calledAt?: string; completedAt?: string; status: QueueEntryStatus }[] = [
  // Saturday 09:20 CEST, waited 30 minutes, served 10.
  { service: 'A', localDate: '2026-10-24', checkedInAt: '2026-10-24T07:20:00Z', calledAt: '2026-10-24T07:50:00Z', completedAt: '2026-10-24T08:00:00Z', status: 'DONE' },
  // Sunday 02:40 CET, still waiting.
  { service: 'B', localDate: '2026-10-25', checkedInAt: '2026-10-25T01:40:00Z', status: 'WAITING' },
  // Monday: outside.
  { service: 'A', localDate: '2026-10-26', checkedInAt: '2026-10-26T08:00:00Z', calledAt: '2026-10-26T08:10:00Z', completedAt: '2026-10-26T08:20:00Z', status: 'DONE' },
];

/** Slots: start (UTC), capacity, booked. In the range 17 places, 7 booked. */
const SLOTS: [string, number, number][] = [
  ['2026-10-24T07:00:00Z', 4, 2],
  ['2026-10-24T08:00:00Z', 4, 1],
  ['2026-10-25T01:30:00Z', 2, 0],
  ['2026-10-25T10:00:00Z', 4, 1],
  // Sunday 23:30 CET: the 25th hour of the day is still in the range.
  ['2026-10-25T22:30:00Z', 3, 3],
  ['2026-10-23T21:30:00Z', 10, 1],
  ['2026-10-25T23:30:00Z', 10, 1],
];

export interface StatisticsDataOptions {
  /** An existing municipality to add the office to (e.g. the demo's, whose admin signs in); otherwise a new one. */
  tenantId?: string;
  serviceA?: string;
  serviceB?: string;
  location?: string;
}

export async function seedStatisticsData(db: Db, names: StatisticsDataOptions = {}): Promise<StatisticsData> {
  const tenant = names.tenantId
    ? { id: names.tenantId }
    : await db.tenant.create({ data: { slug: `stats-${randomUUID().slice(0, 8)}`, name: 'Statistikstadt', holidayState: 'BE', dataRetentionDays: 30 } });
  const location = await db.location.create({
    data: { tenantId: tenant.id, slug: 'statistik-nord', name: names.location ?? 'Bürgeramt Nord', address: 'Am Markt 1', timezone: 'Europe/Berlin' },
  });
  const serviceA = await db.service.create({
    data: { tenantId: tenant.id, slug: 'statistik-ausweis', nameDe: names.serviceA ?? 'Personalausweis', nameEn: names.serviceA ?? 'Identity card', ticketPrefix: 'S' },
  });
  const serviceB = await db.service.create({
    data: { tenantId: tenant.id, slug: 'statistik-meldung', nameDe: names.serviceB ?? 'Anmeldung', nameEn: names.serviceB ?? 'Registration', ticketPrefix: 'T' },
  });
  const services = { A: serviceA.id, B: serviceB.id };
  const other = await db.tenant.create({ data: { slug: `other-${randomUUID().slice(0, 8)}`, name: 'Andere Stadt' } });
  const otherLocation = await db.location.create({ data: { tenantId: other.id, slug: 'amt', name: 'Anderes Amt', address: 'Weg 2' } });
  const otherService = await db.service.create({ data: { tenantId: other.id, slug: 'ausweis', nameDe: 'Ausweis', nameEn: 'ID', ticketPrefix: 'A' } });

  let ticket = 0;
  const appointment = (tenantId: string, locationId: string, serviceId: string, v: Visit) => {
    const startsAt = new Date(v.startsAt);
    const checkedIn = v.queue?.checkedInAt ? new Date(v.queue.checkedInAt) : null;
    return db.appointment.create({
      data: {
        tenantId,
        locationId,
        serviceId,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 15 * 60_000),
        status: v.status,
        cancelledBy: v.cancelledBy ?? null,
        cancelledAt: v.status === 'CANCELLED' ? new Date(startsAt.getTime() - 86_400_000) : null,
        checkedInAt: checkedIn,
        completedAt: v.status === 'DONE' && v.queue?.completedAt ? new Date(v.queue.completedAt) : null,
        bookingCode: generateBookingCode(),
        citizenName: 'Erika Mustermann',
        citizenEmail: 'erika@example.org',
        citizenPhone: '+4930123456',
        contactHash: 'c'.repeat(64),
        bookedAt: new Date(startsAt.getTime() - 7 * 86_400_000),
        ...(v.queue
          ? {
              queueEntry: {
                create: {
                  tenantId,
                  locationId,
                  serviceId,
                  kind: 'APPOINTMENT',
                  status: v.queue.status,
                  ticketNumber: `T${String(++ticket).padStart(3, '0')}`,
                  localDate: new Date(`${localDateOf(checkedIn!, 'Europe/Berlin')}T00:00:00Z`),
                  checkedInAt: checkedIn!,
                  calledAt: v.queue.calledAt ? new Date(v.queue.calledAt) : null,
                  completedAt: v.queue.completedAt ? new Date(v.queue.completedAt) : null,
                },
              },
            }
          : {}),
      },
    });
  };
  for (const v of VISITS) await appointment(tenant.id, location.id, services[v.service], v);
  await appointment(other.id, otherLocation.id, otherService.id, { service: 'A', startsAt: '2026-10-24T07:00:00Z', status: 'CANCELLED', cancelledBy: 'CITIZEN' });
  for (const w of WALK_INS) {
    await db.queueEntry.create({
      data: {
        tenantId: tenant.id,
        locationId: location.id,
        serviceId: services[w.service],
        kind: 'WALK_IN',
        status: w.status,
        ticketNumber: `W${String(++ticket).padStart(3, '0')}`,
        localDate: new Date(`${w.localDate}T00:00:00Z`),
        checkedInAt: new Date(w.checkedInAt),
        calledAt: w.calledAt ? new Date(w.calledAt) : null,
        completedAt: w.completedAt ? new Date(w.completedAt) : null,
      },
    });
  }
  await db.timeSlot.createMany({
    data: SLOTS.map(([startsAt, capacity, booked]) => ({
      locationId: location.id,
      startsAt: new Date(startsAt),
      endsAt: new Date(new Date(startsAt).getTime() + 15 * 60_000),
      capacity,
      booked,
    })),
  });
  return { tenantId: tenant.id, locationId: location.id, otherLocationId: otherLocation.id, serviceA: serviceA.id, serviceB: serviceB.id };
}
