import type { Db } from '@termin/db';
import { regenerateSlots, type RegenerateSlotsResult } from '../slots-service';
import { horizonOf } from './slot-impact';

export interface PublishResult extends RegenerateSlotsResult {
  locations: number;
}

/**
 * Fills the booking horizon of one location (or of every location) from its rules: from today in
 * the location's zone to today + the tenant's horizon. Idempotent: a second run changes nothing,
 * and booked slots are never removed (see regenerateSlots).
 */
export async function publishSlots({ db, now, locationId }: { db: Db; now: Date; locationId?: string }): Promise<PublishResult> {
  const locations = await db.location.findMany({
    where: locationId ? { id: locationId } : {},
    select: { id: true, timezone: true, tenant: { select: { bookingHorizonDays: true } } },
    orderBy: { id: 'asc' },
  });
  const total: PublishResult = { locations: 0, created: 0, updated: 0, removed: 0, orphaned: 0 };
  for (const location of locations) {
    const { from, to } = horizonOf(location.timezone, location.tenant.bookingHorizonDays, now);
    const result = await regenerateSlots({ db, locationId: location.id, from, to, now });
    total.locations += 1;
    total.created += result.created;
    total.updated += result.updated;
    total.removed += result.removed;
    total.orphaned += result.orphaned;
  }
  return total;
}
