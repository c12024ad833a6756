import type { DbOrTx } from './client';
import type { Prisma } from './generated/prisma/client';

export interface AuditActor {
  sub: string;
  username: string;
  roles: readonly string[];
  tenantId: string;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  locationId?: string | null;
  /** Ids and codes only: the audit log never holds citizen data. */
  details?: Prisma.InputJsonValue;
}

/** Who did what, when. Call it with the transaction of the change so both happen or neither. */
export async function recordAudit(db: DbOrTx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      tenantId: actor.tenantId,
      locationId: entry.locationId ?? null,
      actorSub: actor.sub,
      actorName: actor.username,
      actorRole: actor.roles[0] ?? 'unknown',
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      ...(entry.details !== undefined ? { details: entry.details } : {}),
    },
  });
}
