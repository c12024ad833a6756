/** Appointments the staff screens' tests start from, written as a finished booking leaves them. */
import { randomBytes } from 'node:crypto';
import type { WebAppUnderTest } from '@termin/api/testing/running-stack';
import { generateBookingCode } from '@termin/domain';

export interface BookingNow {
  citizenName: string;
  email?: string;
  phone?: string;
  bookingCode?: string;
  /** How long before now it was booked (short notice raises the no-show risk). */
  bookedAgoMs?: number;
  noShowScore?: number;
}

/** A confirmed booking at the given office starting now, so it is inside the check-in window. */
export async function confirmedBookingNow(db: WebAppUnderTest['stack']['db'], locationId: string, b: BookingNow) {
  const location = await db.location.findUniqueOrThrow({ where: { id: locationId } });
  const offered = await db.locationService.findFirstOrThrow({ where: { locationId } });
  const now = new Date();
  return db.appointment.create({
    data: {
      tenantId: location.tenantId,
      locationId,
      serviceId: offered.serviceId,
      startsAt: now,
      endsAt: new Date(now.getTime() + 15 * 60_000),
      ...(b.bookedAgoMs !== undefined ? { bookedAt: new Date(now.getTime() - b.bookedAgoMs) } : {}),
      status: 'CONFIRMED',
      bookingCode: b.bookingCode ?? generateBookingCode(),
      citizenName: b.citizenName,
      citizenEmail: b.email ?? 'citizen@example.org',
      citizenPhone: b.phone ?? null,
      contactHash: randomBytes(32).toString('hex'),
      ...(b.noShowScore !== undefined ? { noShowScore: b.noShowScore } : {}),
    },
  });
}
