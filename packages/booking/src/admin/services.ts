import type { AdminService, AdminServiceCreate, AdminServiceUpdate } from '@termin/contracts';
import { isUniqueViolation, recordAudit } from '@termin/db';
import { NotFoundError, ValidationError, type FieldError } from '@termin/domain';
import { ADMIN_TX, assertValid, bumpRules, requestAll, versionMiss, type AdminActor, type AdminDeps } from './context';

type ServiceRow = NonNullable<Awaited<ReturnType<AdminDeps['db']['service']['findFirst']>>>;

function toView(row: ServiceRow): AdminService {
  return {
    id: row.id,
    slug: row.slug,
    nameDe: row.nameDe,
    nameEn: row.nameEn,
    descriptionDe: row.descriptionDe,
    descriptionEn: row.descriptionEn,
    durationMinutes: row.durationMinutes,
    ticketPrefix: row.ticketPrefix,
    documentsDe: row.documentsDe,
    documentsEn: row.documentsEn,
    documentsEasy: row.documentsEasy,
    feeCents: row.feeCents,
    slotCapacity: row.slotCapacity,
    internalPlaces: row.internalPlaces,
    active: row.active,
    version: row.version,
  };
}

function ownErrors(input: AdminServiceCreate | AdminServiceUpdate): FieldError[] {
  return input.internalPlaces > input.slotCapacity
    ? [{ field: 'internalPlaces', code: 'internal_places_exceed_capacity', params: { capacity: input.slotCapacity } }]
    : [];
}

/** The constraint decides which unique field clashed: the form shows it at that field. */
async function uniqueFields<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const target = JSON.stringify((error as { meta?: unknown }).meta ?? '') + String((error as Error).message);
    throw new ValidationError(target.includes('ticketPrefix') ? [{ field: 'ticketPrefix', code: 'ticket_prefix_taken' }] : [{ field: 'slug', code: 'slug_taken' }]);
  }
}

function data(input: AdminServiceUpdate) {
  const { version: _version, ...rest } = input;
  return rest;
}

export async function listServices(deps: AdminDeps, actor: AdminActor): Promise<AdminService[]> {
  const rows = await deps.db.service.findMany({ where: { tenantId: actor.tenantId }, orderBy: { nameDe: 'asc' } });
  return rows.map(toView);
}

export async function getService(deps: AdminDeps, actor: AdminActor, serviceId: string): Promise<AdminService> {
  const row = await deps.db.service.findFirst({ where: { id: serviceId, tenantId: actor.tenantId } });
  if (!row) throw new NotFoundError('service_not_found');
  return toView(row);
}

export async function createService(deps: AdminDeps, actor: AdminActor, input: AdminServiceCreate): Promise<AdminService> {
  assertValid(ownErrors(input));
  const row = await uniqueFields(() =>
    deps.db.$transaction(async (tx) => {
      const created = await tx.service.create({ data: { ...data({ ...input, version: 1 }), slug: input.slug, tenantId: actor.tenantId } });
      await recordAudit(tx, actor, { action: 'service.created', entityType: 'Service', entityId: created.id, details: { slug: created.slug } });
      return created;
    }, ADMIN_TX),
  );
  return toView(row);
}

export async function updateService(deps: AdminDeps, actor: AdminActor, serviceId: string, input: AdminServiceUpdate): Promise<AdminService> {
  const errors = ownErrors(input);
  // Every office offering it must cut its day into slots that fit the new duration.
  const offeredAt = await deps.db.location.findMany({
    where: { tenantId: actor.tenantId, services: { some: { serviceId } } },
    select: { id: true, slotMinutes: true },
  });
  const misfit = offeredAt.find((l) => input.durationMinutes % l.slotMinutes !== 0);
  if (misfit) errors.push({ field: 'durationMinutes', code: 'duration_not_multiple_of_slot', params: { slotMinutes: misfit.slotMinutes } });
  assertValid(errors);

  const { row, publish } = await uniqueFields(() =>
    deps.db.$transaction(async (tx) => {
      const claimed = await tx.service.updateMany({
        where: { id: serviceId, tenantId: actor.tenantId, version: input.version },
        data: { ...data(input), version: { increment: 1 } },
      });
      if (claimed.count !== 1) await versionMiss(() => tx.service.findFirst({ where: { id: serviceId, tenantId: actor.tenantId } }), 'service_not_found');
      await recordAudit(tx, actor, {
        action: 'service.updated',
        entityType: 'Service',
        entityId: serviceId,
        details: { version: input.version + 1 },
      });
      const publish = await bumpRules(
        tx,
        offeredAt.map((l) => l.id),
      );
      return { row: await tx.service.findUniqueOrThrow({ where: { id: serviceId } }), publish };
    }, ADMIN_TX),
  );
  await requestAll(deps, publish);
  return toView(row);
}
