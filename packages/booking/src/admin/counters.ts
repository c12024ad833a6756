import type { AdminCounter, AdminCounterCreate, AdminCounterUpdate } from '@termin/contracts';
import { recordAudit, type DbOrTx } from '@termin/db';
import { NotFoundError, type FieldError } from '@termin/domain';
import {
  ADMIN_TX,
  assertLocationOf,
  assertValid,
  bumpRules,
  requestAll,
  tenantServices,
  uniqueAsFieldError,
  versionMiss,
  type AdminActor,
  type AdminDeps,
} from './context';

const include = { services: { select: { serviceId: true } } } as const;

function readCounter(db: DbOrTx, actor: AdminActor, counterId: string) {
  return db.counter.findFirst({ where: { id: counterId, location: { tenantId: actor.tenantId }, locationId: { in: [...actor.locationIds] } }, include });
}

function toView(row: NonNullable<Awaited<ReturnType<typeof readCounter>>>): AdminCounter {
  return {
    id: row.id,
    locationId: row.locationId,
    name: row.name,
    serviceIds: row.services.map((s) => s.serviceId).sort(),
    active: row.active,
    version: row.version,
  };
}

/** A counter serves only what its office offers. */
async function validate(db: DbOrTx, actor: AdminActor, locationId: string, serviceIds: string[]) {
  const errors: FieldError[] = [];
  await tenantServices(db, actor.tenantId, serviceIds, 'serviceIds', errors);
  const offered = await db.locationService.count({ where: { locationId, serviceId: { in: [...new Set(serviceIds)] } } });
  if (errors.length === 0 && offered !== new Set(serviceIds).size) errors.push({ field: 'serviceIds', code: 'service_not_offered_here' });
  assertValid(errors);
}

export async function listCounters(deps: AdminDeps, actor: AdminActor, locationId: string): Promise<AdminCounter[]> {
  assertLocationOf(actor, locationId);
  const rows = await deps.db.counter.findMany({ where: { locationId, location: { tenantId: actor.tenantId } }, include });
  const collator = new Intl.Collator('de', { numeric: true });
  return rows.map(toView).sort((a, b) => collator.compare(a.name, b.name));
}

export async function createCounter(deps: AdminDeps, actor: AdminActor, locationId: string, input: AdminCounterCreate): Promise<AdminCounter> {
  assertLocationOf(actor, locationId);
  await validate(deps.db, actor, locationId, input.serviceIds);
  const { row, publish } = await uniqueAsFieldError(
    () =>
      deps.db.$transaction(async (tx) => {
        const created = await tx.counter.create({
          data: {
            locationId,
            name: input.name,
            active: input.active,
            services: { createMany: { data: [...new Set(input.serviceIds)].map((serviceId) => ({ serviceId })) } },
          },
          include,
        });
        await recordAudit(tx, actor, { action: 'counter.created', entityType: 'Counter', entityId: created.id, locationId });
        return { row: created, publish: await bumpRules(tx, [locationId]) };
      }, ADMIN_TX),
    'name',
    'counter_name_taken',
  );
  await requestAll(deps, publish);
  return toView(row);
}

export async function updateCounter(deps: AdminDeps, actor: AdminActor, counterId: string, input: AdminCounterUpdate): Promise<AdminCounter> {
  const current = await readCounter(deps.db, actor, counterId);
  if (!current) throw new NotFoundError('counter_not_found');
  const { locationId } = current;
  await validate(deps.db, actor, locationId, input.serviceIds);
  const { row, publish } = await uniqueAsFieldError(
    () =>
      deps.db.$transaction(async (tx) => {
        const claimed = await tx.counter.updateMany({
          where: { id: counterId, locationId, version: input.version },
          data: { name: input.name, active: input.active, version: { increment: 1 } },
        });
        if (claimed.count !== 1) await versionMiss(() => readCounter(tx, actor, counterId), 'counter_not_found');
        await tx.counterService.deleteMany({ where: { counterId, serviceId: { notIn: input.serviceIds } } });
        await tx.counterService.createMany({ data: input.serviceIds.map((serviceId) => ({ counterId, serviceId })), skipDuplicates: true });
        await recordAudit(tx, actor, {
          action: 'counter.updated',
          entityType: 'Counter',
          entityId: counterId,
          locationId,
          details: { version: input.version + 1, active: input.active },
        });
        return { row: (await readCounter(tx, actor, counterId))!, publish: await bumpRules(tx, [locationId]) };
      }, ADMIN_TX),
    'name',
    'counter_name_taken',
  );
  await requestAll(deps, publish);
  return toView(row);
}
