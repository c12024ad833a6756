import { randomUUID } from 'node:crypto';
import type { Db } from '@termin/db';
import { seedDemo } from '@termin/db/seed';
import { generateBookingCode } from '@termin/domain';

export interface DemoPlace {
  tenantId: string;
  locationId: string;
  serviceId: string;
}

export async function seedPlace(db: Db): Promise<DemoPlace> {
  const { tenantId, locationIds } = await seedDemo(db);
  const service = await db.service.findFirstOrThrow({ where: { tenantId, slug: 'personalausweis' } });
  return { tenantId, locationId: locationIds[0]!, serviceId: service.id };
}

export interface BookingInput {
  startsAt: Date;
  email?: string | null;
  phone?: string | null;
  smsOptIn?: boolean;
  language?: 'de' | 'en';
  name?: string;
}

/**
 * What the booking API does in its transaction: the PENDING appointment and the
 * 'appointment.booked' outbox event, committed together.
 */
export async function book(db: Db, place: DemoPlace, input: BookingInput) {
  return db.$transaction(async (tx) => {
    const appointment = await tx.appointment.create({
      data: {
        tenantId: place.tenantId,
        locationId: place.locationId,
        serviceId: place.serviceId,
        startsAt: input.startsAt,
        endsAt: new Date(input.startsAt.getTime() + 15 * 60_000),
        bookingCode: generateBookingCode(),
        citizenName: input.name ?? 'Erika Mustermann',
        citizenEmail: input.email === undefined ? `citizen-${randomUUID().slice(0, 8)}@example.org` : input.email,
        citizenPhone: input.phone ?? null,
        smsOptIn: input.smsOptIn ?? false,
        language: input.language ?? 'de',
        contactHash: randomUUID().replace(/-/g, ''),
      },
    });
    await tx.outboxEvent.create({
      data: { type: 'appointment.booked', payload: { appointmentId: appointment.id, sequence: appointment.sequence } },
    });
    return appointment;
  });
}

/** The cancellation transaction: status CANCELLED and the 'appointment.cancelled' event. */
export async function cancel(db: Db, appointmentId: string) {
  return db.$transaction(async (tx) => {
    const appointment = await tx.appointment.update({
      where: { id: appointmentId },
      data: { status: 'CANCELLED', cancelledAt: new Date() },
    });
    await tx.outboxEvent.create({
      data: { type: 'appointment.cancelled', payload: { appointmentId, sequence: appointment.sequence } },
    });
    return appointment;
  });
}

/** The reschedule transaction: new time, sequence + 1 and the 'appointment.rescheduled' event. */
export async function reschedule(db: Db, appointmentId: string, startsAt: Date) {
  return db.$transaction(async (tx) => {
    const appointment = await tx.appointment.update({
      where: { id: appointmentId },
      data: { startsAt, endsAt: new Date(startsAt.getTime() + 15 * 60_000), sequence: { increment: 1 } },
    });
    await tx.outboxEvent.create({
      data: { type: 'appointment.rescheduled', payload: { appointmentId, sequence: appointment.sequence } },
    });
    return appointment;
  });
}
