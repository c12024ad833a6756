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
): Promise<NoShowInputs> {
  const since = new Date(now.getTime() - RARELY_USED_WINDOW_DAYS * 24 * 60 * 60_000);
  const [history, perService, services] = await Promise.all([
    db.contactHistory.findUnique({ where: { tenantId_contactHash: { tenantId, contactHash } } }),
    db.appointment.groupBy({ by: ['serviceId'], where: { tenantId, bookedAt: { gte: since } }, _count: { _all: true } }),
    db.service.count({ where: { tenantId, active: true } }),
  ]);
  const total = perService.reduce((sum, row) => sum + row._count._all, 0);
  return {
    history: { past: history?.appointments ?? 0, noShows: history?.noShows ?? 0 },
    serviceBookingsLast90d: perService.find((row) => row.serviceId === serviceId)?._count._all ?? 0,
    avgBookingsPerService: services > 0 ? total / services : 0,
  };
}
