import { randomUUID } from 'node:crypto';
import { bookAppointment, cancelBooking, rescheduleBooking } from '@termin/booking';
import type { Db } from '@termin/db';
import { seedDemo } from '@termin/db/seed';

/** The contact-hash key of these tests' bookings; managing a booking needs the one it was made with. */
const CONTACT_SECRET = 'worker-test-contact-secret-worker-test';

export interface DemoPlace {
  tenantId: string;
  tenantSlug: string;
  locationId: string;
  serviceId: string;
}

/**
 * The demo municipality, with no lead time and no cancellation deadline: these tests book, move and
 * cancel appointments that start within a minute, to see their reminders arrive.
 */
export async function seedPlace(db: Db): Promise<DemoPlace> {
  const { tenantId, locationIds } = await seedDemo(db);
  const tenant = await db.tenant.update({ where: { id: tenantId }, data: { minLeadMinutes: 0, cancellationDeadlineMinutes: 0 } });
  const service = await db.service.findFirstOrThrow({ where: { tenantId, slug: 'personalausweis' } });
  return { tenantId, tenantSlug: tenant.slug, locationId: locationIds[0]!, serviceId: service.id };
}

/** A slot at exactly `startsAt` with room for every booking of a test (the service takes one slot). */
export async function slotAt(db: Db, place: DemoPlace, startsAt: Date) {
  const location = await db.location.findUniqueOrThrow({ where: { id: place.locationId }, select: { slotMinutes: true } });
  await db.timeSlot.upsert({
    where: { locationId_startsAt: { locationId: place.locationId, startsAt } },
    create: { locationId: place.locationId, startsAt, endsAt: new Date(startsAt.getTime() + location.slotMinutes * 60_000), capacity: 100 },
    update: {},
  });
}

export interface BookingInput {
  startsAt: Date;
  email?: string;
  phone?: string;
  smsOptIn?: boolean;
  language?: 'de' | 'en';
  name?: string;
}

export interface TestBooking {
  id: string;
  bookingCode: string;
  startsAt: Date;
  email: string;
}

/** Books through the booking service, as the API does: PENDING appointment and outbox event in one go. */
export async function book(db: Db, place: DemoPlace, input: BookingInput): Promise<TestBooking> {
  await slotAt(db, place, input.startsAt);
  const email = input.email ?? `citizen-${randomUUID().slice(0, 8)}@example.org`;
  const { booking } = await bookAppointment(
    { db, now: new Date(), contactSecret: CONTACT_SECRET },
    {
      tenant: place.tenantSlug,
      locationId: place.locationId,
      serviceId: place.serviceId,
      startsAt: input.startsAt,
      citizen: { name: input.name ?? 'Erika Mustermann', email, ...(input.phone ? { phone: input.phone } : {}) },
      smsOptIn: input.smsOptIn ?? false,
      language: input.language ?? 'de',
    },
  );
  return { id: booking.id, bookingCode: booking.bookingCode, startsAt: new Date(booking.startsAt), email };
}

/** The citizen's cancellation through the booking service. */
export async function cancel(db: Db, booking: TestBooking) {
  return cancelBooking({ db, now: new Date(), contactHashSecret: CONTACT_SECRET }, { code: booking.bookingCode, email: booking.email });
}

/** The citizen's reschedule through the booking service, into a slot at `startsAt`. */
export async function reschedule(db: Db, place: DemoPlace, booking: TestBooking, startsAt: Date) {
  await slotAt(db, place, startsAt);
  return rescheduleBooking({ db, now: new Date(), contactHashSecret: CONTACT_SECRET }, { code: booking.bookingCode, email: booking.email, startsAt });
}
