import type { AdminClosure, AdminClosureCreate, AffectedAppointment } from '@termin/contracts';
import { recordAudit } from '@termin/db';
import { dateRangeErrors, NotFoundError } from '@termin/domain';
import { loadSlotRules } from '../slots-service';
import { ADMIN_TX, assertLocationOf, assertValid, bumpRules, requestAll, uniqueAsFieldError, type AdminActor, type AdminDeps } from './context';
import { slotImpact } from './slot-impact';

const asDate = (d: string) => new Date(`${d}T00:00:00Z`);
const dateOf = (d: Date) => d.toISOString().slice(0, 10);

type ClosureRow = { id: string; date: Date; endDate: Date | null; reason: string; reasonEn: string | null; opens: string | null; closes: string | null };

function toView(row: ClosureRow): AdminClosure {
  return {
    id: row.id,
    date: dateOf(row.date),
    endDate: row.endDate ? dateOf(row.endDate) : null,
    reason: row.reason,
    reasonEn: row.reasonEn,
    opens: row.opens,
    closes: row.closes,
  };
}

export async function listClosures(deps: AdminDeps, actor: AdminActor, locationId: string): Promise<AdminClosure[]> {
  assertLocationOf(actor, locationId);
  const rows = await deps.db.closure.findMany({ where: { locationId, location: { tenantId: actor.tenantId } }, orderBy: { date: 'asc' } });
  return rows.map(toView);
}

/**
 * Closes the office on a day or a range. Bookings on those days are kept (and listed in the
 * answer): cancelling them is the emergency closure's job, on purpose.
 */
export async function createClosure(
  deps: AdminDeps,
  actor: AdminActor,
  locationId: string,
  input: AdminClosureCreate,
): Promise<AdminClosure & { affected: AffectedAppointment[] }> {
  assertLocationOf(actor, locationId);
  assertValid(dateRangeErrors(input.date, input.endDate, 'endDate'));
  const rules = await loadSlotRules(deps.db, locationId);
  if (!rules || rules.tenantId !== actor.tenantId) throw new NotFoundError('location_not_found');
  const last = input.endDate ?? input.date;
  const closure = { date: asDate(input.date), endDate: input.endDate ? asDate(input.endDate) : null, opens: null, closes: null };
  const { affected } = await slotImpact(deps.db, locationId, { ...rules, closures: [...rules.closures, closure] }, input.date, last, deps.now());

  const { row, publish } = await uniqueAsFieldError(
    () =>
      deps.db.$transaction(async (tx) => {
        const row = await tx.closure.create({ data: { ...closure, locationId, reason: input.reason, reasonEn: input.reasonEn } });
        await recordAudit(tx, actor, {
          action: 'closure.created',
          entityType: 'Closure',
          entityId: row.id,
          locationId,
          details: { date: input.date, endDate: input.endDate, keptBookings: affected.length },
        });
        return { row, publish: await bumpRules(tx, [locationId]) };
      }, ADMIN_TX),
    'date',
    'closure_exists',
  );
  await requestAll(deps, publish);
  return { ...toView(row), affected };
}

export async function deleteClosure(deps: AdminDeps, actor: AdminActor, closureId: string): Promise<void> {
  const publish = await deps.db.$transaction(async (tx) => {
    const row = await tx.closure.findFirst({ where: { id: closureId, locationId: { in: [...actor.locationIds] }, location: { tenantId: actor.tenantId } } });
    if (!row) throw new NotFoundError('closure_not_found');
    const deleted = await tx.closure.deleteMany({ where: { id: closureId } });
    if (deleted.count !== 1) throw new NotFoundError('closure_not_found');
    await recordAudit(tx, actor, {
      action: 'closure.deleted',
      entityType: 'Closure',
      entityId: closureId,
      locationId: row.locationId,
      details: { date: dateOf(row.date) },
    });
    return bumpRules(tx, [row.locationId]);
  }, ADMIN_TX);
  await requestAll(deps, publish);
}
