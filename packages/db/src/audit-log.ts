import type { Db } from './client';

export interface AuditLogQuery {
  tenantId: string;
  /** Only this location's entries; all of the tenant's when absent. */
  locationId?: string;
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

/** The tenant's most recent audit entries, newest first. */
export async function listAuditLog(db: Db, query: AuditLogQuery): Promise<AuditLogEntry[]> {
  const rows = await db.auditLog.findMany({
    where: { tenantId: query.tenantId, ...(query.locationId ? { locationId: query.locationId } : {}) },
    orderBy: { createdAt: 'desc' },
    take: query.limit,
  });
  return rows.map((r) => ({
    id: r.id,
    at: r.createdAt.toISOString(),
    actor: r.actorName ?? r.actorSub,
    role: r.actorRole,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    locationId: r.locationId,
  }));
}
