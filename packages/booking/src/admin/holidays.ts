import type { AdminHoliday, AdminHolidayCreate, AdminHolidayList } from '@termin/contracts';
import { recordAudit } from '@termin/db';
import { dateRangeErrors, isGermanState, NotFoundError, publicHolidays } from '@termin/domain';
import { ADMIN_TX, assertValid, bumpRules, requestAll, uniqueAsFieldError, type AdminActor, type AdminDeps } from './context';

const dateOf = (d: Date) => d.toISOString().slice(0, 10);

/** The Bundesland's public holidays of a year (applied automatically) and the municipality's own. */
export async function listHolidays(deps: AdminDeps, actor: AdminActor, year: number): Promise<AdminHolidayList> {
  const tenant = await deps.db.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { holidayState: true } });
  const state = tenant.holidayState && isGermanState(tenant.holidayState) ? tenant.holidayState : null;
  const local = await deps.db.localHoliday.findMany({
    where: { tenantId: actor.tenantId, date: { gte: new Date(Date.UTC(year, 0, 1)), lt: new Date(Date.UTC(year + 1, 0, 1)) } },
  });
  const holidays: AdminHoliday[] = [
    ...(state ? publicHolidays(year, state).map((h) => ({ id: null, date: h.date, nameDe: h.name, nameEn: h.nameEn, kind: 'public' as const })) : []),
    ...local.map((h) => ({ id: h.id, date: dateOf(h.date), nameDe: h.nameDe, nameEn: h.nameEn, kind: 'local' as const })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  return { year, state, holidays };
}

async function allLocations(deps: AdminDeps, actor: AdminActor, tx: Parameters<Parameters<AdminDeps['db']['$transaction']>[0]>[0]) {
  const rows = await tx.location.findMany({ where: { tenantId: actor.tenantId }, select: { id: true } });
  return bumpRules(
    tx,
    rows.map((r) => r.id),
  );
}

export async function createHoliday(deps: AdminDeps, actor: AdminActor, input: AdminHolidayCreate): Promise<AdminHoliday> {
  assertValid(dateRangeErrors(input.date, null, 'date'));
  const { row, publish } = await uniqueAsFieldError(
    () =>
      deps.db.$transaction(async (tx) => {
        const row = await tx.localHoliday.create({
          data: { tenantId: actor.tenantId, date: new Date(`${input.date}T00:00:00Z`), nameDe: input.nameDe, nameEn: input.nameEn },
        });
        await recordAudit(tx, actor, { action: 'holiday.created', entityType: 'LocalHoliday', entityId: row.id, details: { date: input.date } });
        return { row, publish: await allLocations(deps, actor, tx) };
      }, ADMIN_TX),
    'date',
    'holiday_exists',
  );
  await requestAll(deps, publish);
  return { id: row.id, date: dateOf(row.date), nameDe: row.nameDe, nameEn: row.nameEn, kind: 'local' };
}

export async function deleteHoliday(deps: AdminDeps, actor: AdminActor, holidayId: string): Promise<void> {
  const publish = await deps.db.$transaction(async (tx) => {
    const deleted = await tx.localHoliday.deleteMany({ where: { id: holidayId, tenantId: actor.tenantId } });
    if (deleted.count !== 1) throw new NotFoundError('holiday_not_found');
    await recordAudit(tx, actor, { action: 'holiday.deleted', entityType: 'LocalHoliday', entityId: holidayId });
    return allLocations(deps, actor, tx);
  }, ADMIN_TX);
  await requestAll(deps, publish);
}
