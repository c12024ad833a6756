import type { PlatformTenant, PlatformTenantCreate } from '@termin/contracts';
import { recordAudit } from '@termin/db';
import { timeZoneErrors } from '@termin/domain';
import { ADMIN_TX, assertValid, uniqueAsFieldError, type AdminActor, type AdminDeps } from './context';

// The operator of an installation (role platform-admin) adds municipalities; each then configures
// itself through its own admins. Tenant admins never reach these functions (the routes allow only
// platform-admin).

const select = { id: true, slug: true, name: true, holidayState: true, timezone: true, createdAt: true, _count: { select: { locations: true } } } as const;

function toView(row: {
  id: string;
  slug: string;
  name: string;
  holidayState: string | null;
  timezone: string;
  createdAt: Date;
  _count: { locations: number };
}): PlatformTenant {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    holidayState: row.holidayState,
    timezone: row.timezone,
    locations: row._count.locations,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listTenants(deps: AdminDeps, _actor: AdminActor): Promise<PlatformTenant[]> {
  const rows = await deps.db.tenant.findMany({ select, orderBy: { name: 'asc' } });
  return rows.map(toView);
}

/** A new municipality with the default booking rules; a taken slug is the slug field's error. */
export async function createTenant(deps: AdminDeps, actor: AdminActor, input: PlatformTenantCreate): Promise<PlatformTenant> {
  assertValid(timeZoneErrors(input.timezone));
  const row = await uniqueAsFieldError(
    () =>
      deps.db.$transaction(async (tx) => {
        const created = await tx.tenant.create({ data: { slug: input.slug, name: input.name, holidayState: input.holidayState, timezone: input.timezone }, select });
        // Recorded in the new tenant's log, so its admins see who created it.
        await recordAudit(
          tx,
          { ...actor, tenantId: created.id },
          { action: 'tenant.created', entityType: 'Tenant', entityId: created.id, details: { slug: created.slug } },
        );
        return created;
      }, ADMIN_TX),
    'slug',
    'slug_taken',
  );
  return toView(row);
}
