import type { Db, DbOrTx } from '@termin/db';
import { seedDemo } from '@termin/db/seed';
import { BOOKED_STATUS, contactHash, generateBookingCode, normaliseEmail, type AppointmentStatus } from '@termin/domain';

/**
 * Test data as the booking flow leaves it, made directly in the database so tests of managing a
 * booking do not depend on the booking service: slots with capacity, and appointments holding them.
 */
export interface DemoMunicipality {
  tenantId: string;
  mitteId: string;
  kfzId: string;
  services: Record<string, string>;
}

export async function seedMunicipality(db: Db): Promise<DemoMunicipality> {
  const { tenantId } = await seedDemo(db);
  const locations = await db.location.findMany({ where: { tenantId } });
  const services = await db.service.findMany({ where: { tenantId } });
  return {
    tenantId,
    mitteId: locations.find((l) => l.slug === 'buergeramt-mitte')!.id,
    kfzId: locations.find((l) => l.slug === 'kfz-zulassung')!.id,
    services: Object.fromEntries(services.map((s) => [s.slug, s.id])),
  };
}

/** `count` back-to-back slots of `minutes` each from `startsAt`. */
export async function createSlots(db: DbOrTx, input: { locationId: string; startsAt: Date; count?: number; minutes?: number; capacity?: number }) {
  const minutes = input.minutes ?? 15;
  return Promise.all(
    Array.from({ length: input.count ?? 1 }, (_, i) => {
      const startsAt = new Date(input.startsAt.getTime() + i * minutes * 60_000);
      return db.timeSlot.create({
        data: { locationId: input.locationId, startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000), capacity: input.capacity ?? 1 },
      });
    }),
  ).then((slots) => slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()));
}

export interface DirectBooking {
  tenantId: string;
  locationId: string;
  serviceId: string;
  /** The consecutive slots the booking holds; its start and end are theirs. */
  slots: { id: string; startsAt: Date; endsAt: Date }[];
  email: string;
  contactHashSecret: string;
  status?: AppointmentStatus;
}

/** An appointment holding its slots: code, contact hash, AppointmentSlot rows and `booked` counted up. */
export async function bookDirectly(db: Db, input: DirectBooking) {
  const status = input.status ?? 'CONFIRMED';
  return db.$transaction(async (tx) => {
    const appointment = await tx.appointment.create({
      data: {
        tenantId: input.tenantId,
        locationId: input.locationId,
        serviceId: input.serviceId,
        startsAt: input.slots[0]!.startsAt,
        endsAt: input.slots.at(-1)!.endsAt,
        status,
        bookingCode: generateBookingCode(),
        citizenName: 'Erika Mustermann',
        citizenEmail: input.email,
        contactHash: contactHash(input.contactHashSecret, normaliseEmail(input.email)),
        confirmedAt: status === BOOKED_STATUS ? null : new Date(),
      },
    });
    const holds = status === 'PENDING' || status === 'CONFIRMED' || status === 'CHECKED_IN';
    if (holds) {
      for (const slot of input.slots) {
        await tx.appointmentSlot.create({ data: { appointmentId: appointment.id, slotId: slot.id } });
        await tx.timeSlot.update({ where: { id: slot.id }, data: { booked: { increment: 1 } } });
      }
    }
    return appointment;
  });
}

/** Per slot: its `booked` counter and the number of appointments actually holding it (must agree). */
export async function slotBookkeeping(db: Db, slotIds: string[]) {
  const slots = await db.timeSlot.findMany({ where: { id: { in: slotIds } }, include: { _count: { select: { appointments: true } } }, orderBy: { startsAt: 'asc' } });
  return slots.map((s) => ({ id: s.id, booked: s.booked, held: s._count.appointments }));
}
