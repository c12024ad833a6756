import { isUniqueViolation, type AuditActor, type Db, type DbOrTx } from '@termin/db';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '@termin/domain';

/** Asks for a location's slots to be published again; `rulesVersion` makes the request idempotent. */
export type PublishRequest = (request: { locationId: string; rulesVersion: number }) => Promise<void>;

export interface AdminDeps {
  db: Db;
  now: () => Date;
  /** Called after a committed rule change (the worker then regenerates the location's slots). */
  requestPublish: PublishRequest;
}

/** The signed-in administrator, scoped: writes stay in `tenantId`, location writes in `locationIds`. */
export interface AdminActor extends AuditActor {
  locationIds: readonly string[];
}

export const ADMIN_TX = { maxWait: 10_000, timeout: 20_000 } as const;

export function assertValid(errors: FieldError[]): void {
  if (errors.length > 0) throw new ValidationError(errors);
}

/** Another tenant's or an unassigned location answers 404: its existence is not confirmed. */
export function assertLocationOf(actor: AdminActor, locationId: string): void {
  if (!actor.locationIds.includes(locationId)) throw new NotFoundError('location_not_found');
}

/**
 * After a conditional update by version matched nothing: either the row is gone (404) or someone
 * saved in between (409 with a message saying to reload).
 */
export async function versionMiss(exists: () => Promise<unknown>, notFound: string): Promise<never> {
  if (await exists()) throw new ConflictError('version_conflict');
  throw new NotFoundError(notFound);
}

/** Turns a unique violation of `field` into the field error the form shows. */
export async function uniqueAsFieldError<T>(run: () => Promise<T>, field: string, code: string): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError([{ field, code }]);
    throw error;
  }
}

/** Services of the tenant among `ids`; an unknown one (or another tenant's) becomes a field error of `field`. */
export async function tenantServices(db: DbOrTx, tenantId: string, ids: readonly string[], field: string, errors: FieldError[]) {
  const unique = [...new Set(ids)];
  const rows = await db.service.findMany({ where: { tenantId, id: { in: unique } }, select: { id: true, durationMinutes: true } });
  if (rows.length !== unique.length) errors.push({ field, code: 'unknown_service' });
  return rows;
}

/** Bumps the rules version of locations whose slots must be made again; returns the new versions. */
export async function bumpRules(tx: DbOrTx, locationIds: string[]): Promise<{ locationId: string; rulesVersion: number }[]> {
  if (locationIds.length === 0) return [];
  const rows = await tx.$queryRaw<{ id: string; rulesVersion: number }[]>`
    UPDATE "Location" SET "rulesVersion" = "rulesVersion" + 1, "updatedAt" = now()
    WHERE id = ANY(${locationIds}::uuid[]) RETURNING id, "rulesVersion"`;
  return rows.map((r) => ({ locationId: r.id, rulesVersion: r.rulesVersion }));
}

/** Publishing is requested after the commit; a failure (Redis away) is caught up by the daily run. */
export async function requestAll(deps: AdminDeps, requests: { locationId: string; rulesVersion: number }[]): Promise<void> {
  await Promise.allSettled(requests.map((r) => deps.requestPublish(r)));
}
