import { randomBytes } from 'node:crypto';
import type { Db } from '@termin/db';
import { generateBookingCode, localDateOf } from '@termin/domain';

/** Any service of the location's tenant (the other tenant gets one on first use). */
async function serviceOf(db: Db, locationId: string) {
  const location = await db.location.findUniqueOrThrow({ where: { id: locationId } });
  const service = await db.service.upsert({
    where: { tenantId_slug: { tenantId: location.tenantId, slug: 'example-service' } },
    create: { tenantId: location.tenantId, slug: 'example-service', nameDe: 'Beispiel', nameEn: 'Example', ticketPrefix: 'E' },
    update: {},
  });
  await db.locationService.createMany({ data: [{ locationId, serviceId: service.id }], skipDuplicates: true });
  return { location, service };
}

/** A confirmed appointment starting now, ready to be checked in. */
export async function appointmentAt(db: Db, locationId: string) {
  const { location, service } = await serviceOf(db, locationId);
  const now = new Date();
  return db.appointment.create({
    data: {
      tenantId: location.tenantId,
      locationId,
      serviceId: service.id,
      startsAt: now,
      endsAt: new Date(now.getTime() + 15 * 60_000),
      status: 'CONFIRMED',
      bookingCode: generateBookingCode(),
      citizenName: 'Max Mustermann',
      citizenEmail: 'max@example.org',
      citizenPhone: '+4915199999999',
      contactHash: randomBytes(32).toString('hex'),
    },
  });
}

let running = 500;

/** A walk-in ticket of today, waiting or already called to the location's first counter. */
export async function entryAt(db: Db, locationId: string, status: 'WAITING' | 'CALLED') {
  const { location, service } = await serviceOf(db, locationId);
  const counter = await db.counter.findFirstOrThrow({ where: { locationId }, orderBy: { name: 'asc' } });
  const now = new Date();
  return db.queueEntry.create({
    data: {
      tenantId: location.tenantId,
      locationId,
      serviceId: service.id,
      kind: 'WALK_IN',
      status,
      ticketNumber: `E${running++}`,
      localDate: new Date(`${localDateOf(now, location.timezone)}T00:00:00Z`),
      ...(status === 'CALLED' ? { counterId: counter.id, calledAt: now } : {}),
    },
  });
}

export async function firstCounter(db: Db, locationId: string): Promise<string> {
  return (await db.counter.findFirstOrThrow({ where: { locationId }, orderBy: { name: 'asc' } })).id;
}
