/** How much each service is used: the no-show score's "rarely used service" factor. The contact's own history is read with the booking (book.ts). */
import type { DbOrTx } from '@termin/db';

const RARELY_USED_WINDOW_DAYS = 90;

export interface ServiceUsage {
  perService: Map<string, number>;
  averagePerService: number;
}
export type ServiceUsageSource = (db: DbOrTx, tenantId: string, now: Date) => Promise<ServiceUsage>;

/** Bookings per service over the last 90 days: a scan of the tenant's recent appointments. */
export async function loadServiceUsage(db: DbOrTx, tenantId: string, now: Date): Promise<ServiceUsage> {
  const since = new Date(now.getTime() - RARELY_USED_WINDOW_DAYS * 24 * 60 * 60_000);
  const [perService, services] = await Promise.all([
    db.appointment.groupBy({ by: ['serviceId'], where: { tenantId, bookedAt: { gte: since } }, _count: { _all: true } }),
    db.service.count({ where: { tenantId, active: true } }),
  ]);
  const total = perService.reduce((sum, row) => sum + row._count._all, 0);
  return {
    perService: new Map(perService.map((row) => [row.serviceId, row._count._all])),
    averagePerService: services > 0 ? total / services : 0,
  };
}

/**
 * "Rarely used" is a 90-day statistic, so a few minutes' delay changes nothing; without this every
 * booking would scan three months of the tenant's appointments.
 */
export function cachedServiceUsage(ttlMs = 10 * 60_000): ServiceUsageSource {
  const cache = new Map<string, { at: number; usage: Promise<ServiceUsage> }>();
  return (db, tenantId, now) => {
    const hit = cache.get(tenantId);
    if (hit && now.getTime() - hit.at < ttlMs) return hit.usage;
    const usage = loadServiceUsage(db, tenantId, now);
    cache.set(tenantId, { at: now.getTime(), usage });
    usage.catch(() => cache.delete(tenantId));
    return usage;
  };
}
