import type { AdminTenantSettings, AdminTenantSettingsUpdate } from '@termin/contracts';
import { recordAudit, type DbOrTx } from '@termin/db';
import { NotFoundError } from '@termin/domain';
import { logoErrors, logoPath } from '../tenant-logo';
import { ADMIN_TX, assertValid, bumpRules, requestAll, versionMiss, type AdminActor, type AdminDeps } from './context';

const settingsSelect = {
  slug: true,
  name: true,
  timezone: true,
  holidayState: true,
  primaryColor: true,
  logoContentType: true,
  bookingHorizonDays: true,
  minLeadMinutes: true,
  cancellationDeadlineMinutes: true,
  maxBookingsPerContactPerDay: true,
  reminderOffsetMinutes: true,
  dataRetentionDays: true,
  smsCountryCodes: true,
  smsDailyBudget: true,
  bookingChallenge: true,
  imprintDe: true,
  imprintEn: true,
  privacyDe: true,
  privacyEn: true,
  accessibilityDe: true,
  accessibilityEn: true,
  accessibilityContactEmail: true,
  accessibilityContactAddress: true,
  version: true,
} as const;

function readSettings(db: DbOrTx, tenantId: string) {
  return db.tenant.findUnique({ where: { id: tenantId }, select: settingsSelect });
}

function toView(row: NonNullable<Awaited<ReturnType<typeof readSettings>>>): AdminTenantSettings {
  const { logoContentType, ...rest } = row;
  return { ...rest, logoUrl: logoContentType ? logoPath(row.slug, row.version) : null };
}

export async function getTenantSettings(deps: AdminDeps, actor: AdminActor): Promise<AdminTenantSettings> {
  const row = await readSettings(deps.db, actor.tenantId);
  if (!row) throw new NotFoundError('tenant_not_found');
  return toView(row);
}

/**
 * Saves the municipality's settings with the version the admin read (stale: 409). A change of the
 * booking horizon republishes every office's slots.
 */
export async function updateTenantSettings(deps: AdminDeps, actor: AdminActor, input: AdminTenantSettingsUpdate): Promise<AdminTenantSettings> {
  const { version, logo, ...fields } = input;
  const upload = logo ? logoErrors(logo) : null;
  assertValid(upload?.errors ?? []);
  const logoData =
    logo === undefined ? {} : logo === null ? { logo: null, logoContentType: null } : { logo: new Uint8Array(upload!.bytes), logoContentType: logo.contentType };

  const { row, publish } = await deps.db.$transaction(async (tx) => {
    const before = await tx.tenant.findUnique({ where: { id: actor.tenantId }, select: { bookingHorizonDays: true } });
    const claimed = await tx.tenant.updateMany({
      where: { id: actor.tenantId, version },
      data: { ...fields, ...logoData, version: { increment: 1 } },
    });
    if (claimed.count !== 1) await versionMiss(() => readSettings(tx, actor.tenantId), 'tenant_not_found');
    let publish: { locationId: string; rulesVersion: number }[] = [];
    if (before && before.bookingHorizonDays !== fields.bookingHorizonDays) {
      const locations = await tx.location.findMany({ where: { tenantId: actor.tenantId }, select: { id: true } });
      publish = await bumpRules(
        tx,
        locations.map((l) => l.id),
      );
    }
    await recordAudit(tx, actor, {
      action: 'tenant.updated',
      entityType: 'Tenant',
      entityId: actor.tenantId,
      details: {
        version: version + 1,
        fields: Object.keys(fields),
        logo: logo === undefined ? 'kept' : logo === null ? 'removed' : 'replaced',
      },
    });
    return { row: (await readSettings(tx, actor.tenantId))!, publish };
  }, ADMIN_TX);
  await requestAll(deps, publish);
  return toView(row);
}
