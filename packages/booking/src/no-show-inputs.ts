import type { DbOrTx } from '@termin/db';

const RARELY_USED_WINDOW_DAYS = 90;

export interface NoShowInputs {
  history: { past: number; noShows: number };
  serviceBookingsLast90d: number;
  avgBookingsPerService: number;
}

/**
 * What the no-show score needs from the database: the contact's own record (by hash only) and how
 * much the service is used compared with the tenant's other services over the last 90 days.
 */
export async function loadNoShowInputs(
  db: DbOrTx,
  { tenantId, serviceId, contactHash, now }: { tenantId: string; serviceId: string; contactHash: string; now: Date },
  usage: ServiceUsageSource = loadServiceUsage,
): Promise<NoShowInputs> {
  const [history, stats] = await Promise.all([
    db.contactHistory.findUnique({ where: { tenantId_contactHash: { tenantId, contactHash } } }),
    usage(db, tenantId, now),
  ]);
  return {
    history: { past: history?.appointments ?? 0, noShows: history?.noShows ?? 0 },
    serviceBookingsLast90d: stats.perService.get(serviceId) ?? 0,
    avgBookingsPerService: stats.averagePerService,
  };
}

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
