import type { AdminOpeningHours, AdminOpeningHoursUpdate, AdminSlotPreview, AdminSlotPreviewRequest, AffectedAppointment, OpeningSchedule } from '@termin/contracts';
import { recordAudit, type DbOrTx } from '@termin/db';
import { ConflictError, dateRangeErrors, NotFoundError, openingHoursRows, openingScheduleErrors, openingSchedulesOf, parseLocalDate } from '@termin/domain';
import { loadSlotRules, type RuleRow, type SlotRules } from '../slots-service';
import { ADMIN_TX, assertLocationOf, assertValid, bumpRules, requestAll, versionMiss, type AdminActor, type AdminDeps } from './context';
import { horizonOf, slotImpact } from './slot-impact';

/** A preview covers at most this many days (a year and a day, so a whole year fits). */
export const MAX_PREVIEW_DAYS = 366;

const asDate = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);
const dateOf = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

function rowsOf(schedules: OpeningSchedule[]): RuleRow[] {
  return openingHoursRows(schedules).map((r) => ({ ...r, validFrom: asDate(r.validFrom), validUntil: asDate(r.validUntil) }));
}

async function rulesOf(db: DbOrTx, actor: AdminActor, locationId: string): Promise<SlotRules> {
  assertLocationOf(actor, locationId);
  const rules = await loadSlotRules(db, locationId);
  if (!rules || rules.tenantId !== actor.tenantId) throw new NotFoundError('location_not_found');
  return rules;
}

export async function getOpeningHours(deps: AdminDeps, actor: AdminActor, locationId: string): Promise<AdminOpeningHours> {
  assertLocationOf(actor, locationId);
  const location = await deps.db.location.findFirst({
    where: { id: locationId, tenantId: actor.tenantId },
    select: { version: true, openingHours: true },
  });
  if (!location) throw new NotFoundError('location_not_found');
  const schedules = openingSchedulesOf(
    location.openingHours.map((r) => ({ weekday: r.weekday, opens: r.opens, closes: r.closes, validFrom: dateOf(r.validFrom), validUntil: dateOf(r.validUntil) })),
  );
  return { version: location.version, schedules };
}

/** The slots proposed opening hours would produce, and the bookings they would hit; nothing is saved. */
export async function previewOpeningHours(deps: AdminDeps, actor: AdminActor, locationId: string, input: AdminSlotPreviewRequest): Promise<AdminSlotPreview> {
  const errors = [...openingScheduleErrors(input.schedules), ...dateRangeErrors(input.from, input.to, 'to', 'from')];
  if (errors.length === 0 && parseLocalDate(input.from).until(parseLocalDate(input.to)).days >= MAX_PREVIEW_DAYS) {
    errors.push({ field: 'to', code: 'range_too_long', params: { maxDays: MAX_PREVIEW_DAYS } });
  }
  assertValid(errors);
  const rules = await rulesOf(deps.db, actor, locationId);
  const impact = await slotImpact(deps.db, locationId, { ...rules, openingHours: rowsOf(input.schedules) }, input.from, input.to, deps.now());
  const days = new Map<string, AdminSlotPreview['days'][number]>();
  for (const slot of impact.generated) {
    const day = days.get(slot.localDate) ?? { date: slot.localDate, slots: [] };
    day.slots.push({ localTime: slot.localTime, startsAt: slot.startsAt.toISOString(), capacity: slot.capacity });
    days.set(slot.localDate, day);
  }
  return { timezone: rules.timezone, days: [...days.values()], created: impact.created, removed: impact.removed, affected: impact.affected };
}

/**
 * Replaces the opening hours. A change that removes or shrinks booked slots within the booking
 * horizon is refused (409 `rule_change_hits_bookings`) unless `keepAffectedBookings` is set; then
 * it is saved and those bookings stay where they are: publishing never deletes a booked slot.
 */
export async function saveOpeningHours(
  deps: AdminDeps,
  actor: AdminActor,
  locationId: string,
  input: AdminOpeningHoursUpdate,
): Promise<AdminOpeningHours & { affected: AffectedAppointment[] }> {
  assertValid(openingScheduleErrors(input.schedules));
  const rules = await rulesOf(deps.db, actor, locationId);
  const tenant = await deps.db.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { bookingHorizonDays: true } });
  const now = deps.now();
  const { from, to } = horizonOf(rules.timezone, tenant.bookingHorizonDays, now);
  const rows = rowsOf(input.schedules);
  const { affected } = await slotImpact(deps.db, locationId, { ...rules, openingHours: rows }, from, to, now);
  if (affected.length > 0 && !input.keepAffectedBookings) throw new ConflictError('rule_change_hits_bookings', { count: affected.length });

  const { version, publish } = await deps.db.$transaction(async (tx) => {
    const claimed = await tx.location.updateMany({
      where: { id: locationId, tenantId: actor.tenantId, version: input.version },
      data: { version: { increment: 1 } },
    });
    if (claimed.count !== 1) await versionMiss(() => tx.location.findFirst({ where: { id: locationId, tenantId: actor.tenantId } }), 'location_not_found');
    await tx.openingHours.deleteMany({ where: { locationId } });
    await tx.openingHours.createMany({ data: rows.map((r) => ({ ...r, locationId })) });
    await recordAudit(tx, actor, {
      action: 'opening_hours.replaced',
      entityType: 'Location',
      entityId: locationId,
      locationId,
      details: { version: input.version + 1, schedules: input.schedules.length, keptBookings: affected.length },
    });
    return { version: input.version + 1, publish: await bumpRules(tx, [locationId]) };
  }, ADMIN_TX);
  await requestAll(deps, publish);
  return { ...(await getOpeningHours(deps, actor, locationId)), version, affected };
}
