import type { AdminLocationOverview, AdminOverview } from '@termin/contracts';
import { addDaysToLocalDate, localDateOf, localTimeOf, NotFoundError, startOfLocalDayUtc } from '@termin/domain';
import { loadSlotRules, slotsFromRules } from '../slots-service';
import type { AdminActor, AdminDeps } from './context';

const MINUTE = 60_000;

/**
 * The admin home's figures per office: today's appointments against today's places, the next free
 * slot, and whether the booking horizon is filled with published slots (a day with opening hours
 * but no slot means the publishing job did not run, or no counter is open).
 */
export async function overview(deps: AdminDeps, actor: AdminActor): Promise<AdminOverview> {
  const now = deps.now();
  const tenant = await deps.db.tenant.findUnique({ where: { id: actor.tenantId }, select: { bookingHorizonDays: true, minLeadMinutes: true } });
  if (!tenant) throw new NotFoundError('tenant_not_found');
  const locations = await deps.db.location.findMany({
    where: { tenantId: actor.tenantId, id: { in: [...actor.locationIds] } },
    select: { id: true, name: true, timezone: true, active: true },
    orderBy: { name: 'asc' },
  });
  const result: AdminLocationOverview[] = [];
  for (const location of locations) result.push(await locationOverview(deps, location, tenant, now));
  return { bookingHorizonDays: tenant.bookingHorizonDays, locations: result };
}

async function locationOverview(
  { db }: AdminDeps,
  location: { id: string; name: string; timezone: string; active: boolean },
  tenant: { bookingHorizonDays: number; minLeadMinutes: number },
  now: Date,
): Promise<AdminLocationOverview> {
  const zone = location.timezone;
  const today = localDateOf(now, zone);
  const horizonEnd = addDaysToLocalDate(today, tenant.bookingHorizonDays);
  const dayStart = startOfLocalDayUtc(today, zone);
  const dayEnd = startOfLocalDayUtc(addDaysToLocalDate(today, 1), zone);
  const horizonStop = startOfLocalDayUtc(addDaysToLocalDate(horizonEnd, 1), zone);

  const [appointmentsToday, places, next, published] = await Promise.all([
    db.appointment.count({ where: { locationId: location.id, startsAt: { gte: dayStart, lt: dayEnd }, status: { not: 'CANCELLED' } } }),
    db.timeSlot.aggregate({ where: { locationId: location.id, startsAt: { gte: dayStart, lt: dayEnd } }, _sum: { capacity: true } }),
    db.timeSlot.findFirst({
      where: {
        locationId: location.id,
        startsAt: { gte: new Date(now.getTime() + tenant.minLeadMinutes * MINUTE), lt: horizonStop },
        booked: { lt: db.timeSlot.fields.capacity },
      },
      select: { startsAt: true },
      orderBy: { startsAt: 'asc' },
    }),
    db.timeSlot.findMany({
      where: { locationId: location.id, startsAt: { gte: now, lt: horizonStop }, capacity: { gt: 0 } },
      select: { startsAt: true },
      orderBy: { startsAt: 'asc' },
    }),
  ]);

  const publishedDays = new Set(published.map((s) => localDateOf(s.startsAt, zone)));
  const lastPublishedDay = published.length ? localDateOf(published[published.length - 1]!.startsAt, zone) : null;
  let daysWithoutSlots: string[] = [];
  if (location.active) {
    const rules = await loadSlotRules(db, location.id);
    // The days the opening hours (less closures and holidays) ask for, counting a closed counter as open:
    // a day without a published slot is a gap whatever the reason.
    const expected = rules ? slotsFromRules({ ...rules, active: true, counters: Math.max(1, rules.counters) }, today, horizonEnd).filter((s) => s.startsAt >= now) : [];
    daysWithoutSlots = [...new Set(expected.map((s) => localDateOf(s.startsAt, zone)))].filter((day) => !publishedDays.has(day)).sort();
  }

  return {
    id: location.id,
    name: location.name,
    timezone: zone,
    active: location.active,
    today,
    horizonEnd,
    appointmentsToday,
    capacityToday: places._sum.capacity ?? 0,
    nextFree: next ? { startsAt: next.startsAt.toISOString(), localDate: localDateOf(next.startsAt, zone), localTime: localTimeOf(next.startsAt, zone) } : null,
    lastPublishedDay,
    daysWithoutSlots,
    horizonGap: daysWithoutSlots.length > 0,
  };
}
