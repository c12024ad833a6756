import type { Db } from './client';
import type { Prisma } from './generated/prisma/client';

export interface AuditLogQuery {
  tenantId: string;
  /** Only this location's entries; all of the tenant's when absent. */
  locationId?: string | undefined;
  /** Only this user's entries: their name as recorded, or their subject id. */
  actor?: string | undefined;
  action?: string | undefined;
  /** First and last local day (YYYY-MM-DD, inclusive) in the tenant's time zone. */
  from?: string | undefined;
  to?: string | undefined;
  /** 1-based page of `limit` entries. */
  page?: number | undefined;
  limit: number;
}

export interface AuditLogEntry {
  id: string;
  at: string;
  /** The name the actor had when they acted, else their subject id. */
  actor: string;
  role: string;
  action: string;
  entityType: string;
  entityId: string | null;
  locationId: string | null;
}

export interface AuditLogPage {
  entries: AuditLogEntry[];
  /** The tenant's IANA zone: the times are shown in it. */
  timezone: string;
  page: number;
  hasMore: boolean;
  /** Every user and action of the tenant's log, for a filter's choices. */
  actors: string[];
  actions: string[];
}

/**
 * The tenant's time zone and the instants its local days `from` (its start) and `to` (the start of
 * the day after) begin, worked out by PostgreSQL in that zone, so a day is the municipality's day
 * whatever the server's zone and across DST changes.
 */
async function tenantDays(db: Db, tenantId: string, from?: string, to?: string): Promise<{ timezone: string; gte?: Date; lt?: Date }> {
  const [row] = await db.$queryRaw<{ timezone: string; gte: Date | null; lt: Date | null }[]>`
    SELECT t.timezone,
           (${from ?? null}::date::timestamp AT TIME ZONE t.timezone) AS gte,
           ((${to ?? null}::date + 1)::timestamp AT TIME ZONE t.timezone) AS lt
      FROM "Tenant" t WHERE t.id = ${tenantId}::uuid`;
  return { timezone: row?.timezone ?? 'UTC', ...(row?.gte ? { gte: row.gte } : {}), ...(row?.lt ? { lt: row.lt } : {}) };
}

/** The tenant's audit entries matching the filter, newest first, one page at a time. */
export async function listAuditLog(db: Db, query: AuditLogQuery): Promise<AuditLogPage> {
  const page = query.page ?? 1;
  const { timezone, ...createdAt } = await tenantDays(db, query.tenantId, query.from, query.to);
  const where: Prisma.AuditLogWhereInput = {
    tenantId: query.tenantId,
    ...(query.locationId ? { locationId: query.locationId } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.actor ? { OR: [{ actorName: query.actor }, { actorSub: query.actor }] } : {}),
    ...(createdAt.gte || createdAt.lt ? { createdAt } : {}),
  };
  const [rows, actors, actions] = await Promise.all([
    db.auditLog.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: (page - 1) * query.limit, take: query.limit + 1 }),
    db.auditLog.findMany({ where: { tenantId: query.tenantId }, distinct: ['actorName', 'actorSub'], select: { actorName: true, actorSub: true } }),
    db.auditLog.findMany({ where: { tenantId: query.tenantId }, distinct: ['action'], select: { action: true }, orderBy: { action: 'asc' } }),
  ]);
  return {
    entries: rows.slice(0, query.limit).map((r) => ({
      id: r.id,
      at: r.createdAt.toISOString(),
      actor: r.actorName ?? r.actorSub,
      role: r.actorRole,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      locationId: r.locationId,
    })),
    timezone,
    page,
    hasMore: rows.length > query.limit,
    actors: [...new Set(actors.map((a) => a.actorName ?? a.actorSub))].sort((a, b) => a.localeCompare(b)),
    actions: actions.map((a) => a.action),
  };
}
