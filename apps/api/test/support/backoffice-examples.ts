import { randomBytes } from 'node:crypto';
import type { Db } from '@termin/db';
import { generateBookingCode, localDateOf } from '@termin/domain';
import type { RouteExample } from './route-examples';

let running = 0;

/** A free 15-minute slot of the location a few days ahead, a new one on every call. */
async function freeSlot(db: Db, locationId: string) {
  const base = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 3, 6, 0);
  const startsAt = new Date(base + running++ * 15 * 60_000);
  return db.timeSlot.create({ data: { locationId, startsAt, endsAt: new Date(startsAt.getTime() + 15 * 60_000), capacity: 5 } });
}

/** A service the location offers (the other tenant's location gets one on first use). */
async function offered(db: Db, locationId: string) {
  const location = await db.location.findUniqueOrThrow({ where: { id: locationId } });
  const service = await db.service.upsert({
    where: { tenantId_slug: { tenantId: location.tenantId, slug: 'backoffice-example' } },
    create: { tenantId: location.tenantId, slug: 'backoffice-example', nameDe: 'Beispiel', nameEn: 'Example', ticketPrefix: 'B', slotCapacity: 5 },
    update: {},
  });
  await db.locationService.createMany({ data: [{ locationId, serviceId: service.id }], skipDuplicates: true });
  return { location, service };
}

/** A confirmed appointment a few days ahead holding its slot, as a booking leaves it. */
async function heldAppointment(db: Db, locationId: string) {
  const { location, service } = await offered(db, locationId);
  const slot = await freeSlot(db, locationId);
  await db.timeSlot.update({ where: { id: slot.id }, data: { booked: 1 } });
  return db.appointment.create({
    data: {
      tenantId: location.tenantId,
      locationId,
      serviceId: service.id,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      status: 'CONFIRMED',
      bookingCode: generateBookingCode(),
      citizenName: 'Max Mustermann',
      citizenEmail: 'max@example.org',
      contactHash: randomBytes(32).toString('hex'),
      slots: { create: { slotId: slot.id } },
    },
  });
}

const day = (slot: { startsAt: Date }) => localDateOf(slot.startsAt, 'Europe/Berlin');

const booking = async (db: Db, locationId: string) => {
  const { service } = await offered(db, locationId);
  const slot = await freeSlot(db, locationId);
  return {
    url: `/api/v1/locations/${locationId}/backoffice/appointments`,
    payload: { serviceId: service.id, startsAt: slot.startsAt.toISOString(), channel: 'phone', name: 'Max Mustermann' },
  };
};

const reschedule = async (db: Db, locationId: string) => {
  const appointment = await heldAppointment(db, locationId);
  const target = await freeSlot(db, locationId);
  return {
    url: `/api/v1/locations/${locationId}/backoffice/appointments/${appointment.id}/reschedule`,
    payload: { startsAt: target.startsAt.toISOString() },
  };
};

/** The back office's routes (apps/api/src/routes/backoffice.ts). */
export const backofficeRouteExamples: Record<string, RouteExample> = {
  'GET /api/v1/locations/:locationId/backoffice/slots': {
    allowed: async ({ db, fx }) => {
      const { service } = await offered(db, fx.mitteId);
      return { url: `/api/v1/locations/${fx.mitteId}/backoffice/slots?serviceId=${service.id}&date=${day(await freeSlot(db, fx.mitteId))}` };
    },
    foreign: async ({ db, fx }) => {
      const { service } = await offered(db, fx.otherTenantLocationId);
      return { url: `/api/v1/locations/${fx.otherTenantLocationId}/backoffice/slots?serviceId=${service.id}&date=${day(await freeSlot(db, fx.otherTenantLocationId))}` };
    },
  },
  'POST /api/v1/locations/:locationId/backoffice/appointments': {
    allowed: ({ db, fx }) => booking(db, fx.mitteId),
    foreign: ({ db, fx }) => booking(db, fx.otherTenantLocationId),
  },
  'GET /api/v1/locations/:locationId/backoffice/appointments': {
    allowed: ({ fx }) => ({ url: `/api/v1/locations/${fx.mitteId}/backoffice/appointments?q=Mustermann` }),
    foreign: ({ fx }) => ({ url: `/api/v1/locations/${fx.otherTenantLocationId}/backoffice/appointments?q=Mustermann` }),
  },
  'POST /api/v1/locations/:locationId/backoffice/appointments/:appointmentId/cancel': {
    allowed: async ({ db, fx }) => ({ url: `/api/v1/locations/${fx.mitteId}/backoffice/appointments/${(await heldAppointment(db, fx.mitteId)).id}/cancel` }),
    foreign: async ({ db, fx }) => ({
      url: `/api/v1/locations/${fx.otherTenantLocationId}/backoffice/appointments/${(await heldAppointment(db, fx.otherTenantLocationId)).id}/cancel`,
    }),
  },
  'POST /api/v1/locations/:locationId/backoffice/appointments/:appointmentId/reschedule': {
    allowed: ({ db, fx }) => reschedule(db, fx.mitteId),
    foreign: ({ db, fx }) => reschedule(db, fx.otherTenantLocationId),
  },
};
