import type { Db } from '@termin/db';
import { regenerateSlots } from '@termin/booking';
import { addDaysToLocalDate, localDateOf, weekdayOfLocalDate, zonedToUtc } from '@termin/domain';
import { seedAccessFixtures, type AccessFixtures } from './fixtures';

export const TZ = 'Europe/Berlin';

export interface BookingFixtures extends AccessFixtures {
  /** A weekday at least two days ahead (so no lead time gets in the way) on which both offices open. */
  day: string;
  /** The UTC instant of a local time on `day`. */
  at(localTime: string, date?: string): Date;
}

/** Demo municipality + a second tenant, with slots for the next three weeks. */
export async function seedBookingFixtures(db: Db): Promise<BookingFixtures> {
  const fx = await seedAccessFixtures(db);
  const now = new Date();
  const today = localDateOf(now, TZ);
  for (const locationId of [fx.mitteId, fx.kfzId]) {
    await regenerateSlots({ db, locationId, from: today, to: addDaysToLocalDate(today, 21), now });
  }
  let day = addDaysToLocalDate(today, 2);
  for (;;) {
    const weekday = weekdayOfLocalDate(day);
    const start = zonedToUtc(day, '08:00', TZ);
    const open = weekday <= 5 && (await db.timeSlot.count({ where: { locationId: fx.mitteId, startsAt: start } })) > 0;
    if (open) break;
    day = addDaysToLocalDate(day, 1);
  }
  return { ...fx, day, at: (localTime, date = day) => zonedToUtc(date, localTime, TZ) };
}
