import type { AdminLocation, AdminLocationCreate, AdminLocationUpdate } from '@termin/contracts';
import { recordAudit, type DbOrTx } from '@termin/db';
import { NotFoundError, slotLengthErrors, timeZoneErrors } from '@termin/domain';
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

type LocationRow = Awaited<ReturnType<typeof readLocation>>;

function readLocation(db: DbOrTx, tenantId: string, id: string) {
  return db.location.findFirst({ where: { id, tenantId }, include });
}

function toView(row: NonNullable<LocationRow>): AdminLocation {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    address: row.address,
    timezone: row.timezone,
    slotMinutes: row.slotMinutes,
    checkinEarlyMinutes: row.checkinEarlyMinutes,
    checkinLateMinutes: row.checkinLateMinutes,
    contactDe: row.contactDe,
    contactEn: row.contactEn,
    directionsDe: row.directionsDe,
    directionsEn: row.directionsEn,
    active: row.active,
    serviceIds: row.services.map((s) => s.serviceId).sort(),
    version: row.version,
  };
}

/** The time zone exists, the services are the tenant's, and the slot length fits each of them. */
async function validate(db: DbOrTx, actor: AdminActor, input: AdminLocationCreate | AdminLocationUpdate) {
  const errors = timeZoneErrors(input.timezone);
  const services = await tenantServices(db, actor.tenantId, input.serviceIds, 'serviceIds', errors);
  errors.push(...slotLengthErrors(input.slotMinutes, services, 'slotMinutes'));
  assertValid(errors);
}

function fields(input: AdminLocationUpdate) {
  const { serviceIds: _services, version: _version, ...data } = input;
  return data;
}

export async function listLocations(deps: AdminDeps, actor: AdminActor): Promise<AdminLocation[]> {
  const rows = await deps.db.location.findMany({
    where: { tenantId: actor.tenantId, id: { in: [...actor.locationIds] } },
    include,
    orderBy: { name: 'asc' },
  });
  return rows.map(toView);
}

export async function getLocation(deps: AdminDeps, actor: AdminActor, locationId: string): Promise<AdminLocation> {
  assertLocationOf(actor, locationId);
  const row = await readLocation(deps.db, actor.tenantId, locationId);
  if (!row) throw new NotFoundError('location_not_found');
  return toView(row);
}

export async function createLocation(deps: AdminDeps, actor: AdminActor, input: AdminLocationCreate): Promise<AdminLocation> {
  await validate(deps.db, actor, input);
  const row = await uniqueAsFieldError(
    () =>
      deps.db.$transaction(async (tx) => {
        const created = await tx.location.create({
          data: {
            ...fields({ ...input, version: 1 }),
            slug: input.slug,
            tenantId: actor.tenantId,
            services: { createMany: { data: [...new Set(input.serviceIds)].map((serviceId) => ({ serviceId })) } },
          },
          include,
        });
        await recordAudit(tx, actor, {
          action: 'location.created',
          entityType: 'Location',
          entityId: created.id,
          locationId: created.id,
          details: { slug: created.slug },
        });
        return created;
      }, ADMIN_TX),
    'slug',
    'slug_taken',
  );
  // No counter yet, so nothing to publish: slots come once a counter opens.
  return toView(row);
}

export async function updateLocation(deps: AdminDeps, actor: AdminActor, locationId: string, input: AdminLocationUpdate): Promise<AdminLocation> {
  assertLocationOf(actor, locationId);
  await validate(deps.db, actor, input);
  const { row, publish } = await deps.db.$transaction(async (tx) => {
    const claimed = await tx.location.updateMany({
      where: { id: locationId, tenantId: actor.tenantId, version: input.version },
      data: { ...fields(input), version: { increment: 1 } },
    });
    if (claimed.count !== 1) await versionMiss(() => readLocation(tx, actor.tenantId, locationId), 'location_not_found');
    await tx.locationService.deleteMany({ where: { locationId, serviceId: { notIn: input.serviceIds } } });
    await tx.locationService.createMany({ data: input.serviceIds.map((serviceId) => ({ locationId, serviceId })), skipDuplicates: true });
    const publish = await bumpRules(tx, [locationId]);
    await recordAudit(tx, actor, {
      action: 'location.updated',
      entityType: 'Location',
      entityId: locationId,
      locationId,
      details: { version: input.version + 1, fields: Object.keys(input).filter((k) => k !== 'version') },
    });
    return { row: (await readLocation(tx, actor.tenantId, locationId))!, publish };
  }, ADMIN_TX);
  await requestAll(deps, publish);
  return toView(row);
}
