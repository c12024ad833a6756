import { TX_OPTIONS, type Db } from '@termin/db';
import {
  addDaysToLocalDate,
  generateSlots,
  isGermanState,
  NotFoundError,
  reconcileSlots,
  startOfLocalDayUtc,
  type GeneratedSlot,
  type OpeningHoursRule,
} from '@termin/domain';

export interface RegenerateSlotsInput {
  db: Db;
  locationId: string;
  /** First local date (YYYY-MM-DD) in the location's time zone. */
  from: string;
  /** Last local date, inclusive. */
  to: string;
  /** Slots that already started are history: neither created nor touched. */
  now: Date;
}

export interface RegenerateSlotsResult {
  created: number;
  updated: number;
  removed: number;
  /** Booked slots the rules no longer produce; kept, closed for new bookings, for staff to look at. */
  orphaned: number;
}

/** Calendar date of a `@db.Date` column (Prisma hands it over as UTC midnight). */
const dateOf = (d: Date) => d.toISOString().slice(0, 10);

interface RuleRow {
  weekday: number;
  opens: string;
  closes: string;
  validFrom: Date | null;
  validUntil: Date | null;
}

const appliesOn = (rule: RuleRow, localDate: string) =>
  (!rule.validFrom || dateOf(rule.validFrom) <= localDate) && (!rule.validUntil || localDate <= dateOf(rule.validUntil));

/**
 * Opening-hours rows may be valid for part of the range only; the range is cut into runs of days
 * that share the same rules, and each run is generated on its own.
 */
function generateWithValidity(
  rules: RuleRow[],
  from: string,
  to: string,
  base: Omit<Parameters<typeof generateSlots>[0], 'from' | 'to' | 'openingHours'>,
): GeneratedSlot[] {
  const slots: GeneratedSlot[] = [];
  let runStart = from;
  let runKey = '';
  let runRules: OpeningHoursRule[] = [];
  const flush = (end: string) => {
    if (runRules.length > 0) slots.push(...generateSlots({ ...base, from: runStart, to: end, openingHours: runRules }));
  };
  for (let day = from; day <= to; day = addDaysToLocalDate(day, 1)) {
    const applicable = rules.filter((r) => appliesOn(r, day));
    const key = applicable.map((r) => `${r.weekday}${r.opens}${r.closes}`).join('|');
    if (day === from) {
      runKey = key;
      runRules = applicable.map(({ weekday, opens, closes }) => ({ weekday, opens, closes }));
    } else if (key !== runKey) {
      flush(addDaysToLocalDate(day, -1));
      runStart = day;
      runKey = key;
      runRules = applicable.map(({ weekday, opens, closes }) => ({ weekday, opens, closes }));
    }
  }
  flush(to);
  return slots;
}

/**
 * Brings the stored slots of one location between two local dates in line with its opening hours,
 * closures, public holidays and active counters, without ever losing a booking: all changes in one
 * transaction, capacity updates never go below `booked` and only unbooked slots are deleted, both
 * re-checked in SQL so a booking that lands meanwhile wins.
 */
export async function regenerateSlots({ db, locationId, from, to, now }: RegenerateSlotsInput): Promise<RegenerateSlotsResult> {
  const location = await db.location.findUnique({
    where: { id: locationId },
    include: {
      tenant: { select: { holidayState: true } },
      openingHours: true,
      closures: true,
      _count: { select: { counters: { where: { active: true } } } },
    },
  });
  if (!location) throw new NotFoundError('location_not_found');

  const holidayState = location.holidayState ?? location.tenant.holidayState;
  const generated = generateWithValidity(location.openingHours, from, to, {
    timezone: location.timezone,
    slotMinutes: location.slotMinutes,
    closures: location.closures.map((c) => ({ date: dateOf(c.date), opens: c.opens, closes: c.closes })),
    holidayState: holidayState && isGermanState(holidayState) ? holidayState : null,
    capacity: location.active ? location._count.counters : 0,
  }).filter((s) => s.startsAt >= now);

  const rangeStart = startOfLocalDayUtc(from, location.timezone);
  const rangeEnd = startOfLocalDayUtc(addDaysToLocalDate(to, 1), location.timezone);
  const lowerBound = rangeStart > now ? rangeStart : now;

  return db.$transaction(async (tx) => {
    const existing = await tx.timeSlot.findMany({
      where: { locationId, startsAt: { gte: lowerBound, lt: rangeEnd } },
      select: { id: true, startsAt: true, endsAt: true, capacity: true, booked: true },
    });
    const plan = reconcileSlots(existing, generated);

    let created = 0;
    if (plan.create.length > 0) {
      // skipDuplicates: a concurrent regeneration may have created the same slot first.
      const result = await tx.timeSlot.createMany({
        data: plan.create.map((s) => ({ locationId, startsAt: s.startsAt, endsAt: s.endsAt, capacity: s.capacity })),
        skipDuplicates: true,
      });
      created = result.count;
    }
    let updated = 0;
    if (plan.update.length > 0) {
      updated = await tx.$executeRaw`
        UPDATE "TimeSlot" t SET capacity = GREATEST(t.booked, v.capacity)
        FROM unnest(${plan.update.map((u) => u.id)}::uuid[], ${plan.update.map((u) => u.capacity)}::int[]) AS v(id, capacity)
        WHERE t.id = v.id AND t.capacity <> GREATEST(t.booked, v.capacity)`;
    }
    let removed = 0;
    if (plan.remove.length > 0) {
      removed = await tx.$executeRaw`
        DELETE FROM "TimeSlot" WHERE id = ANY(${plan.remove}::uuid[]) AND booked = 0`;
    }
    return { created, updated, removed, orphaned: plan.orphaned.length };
  }, TX_OPTIONS);
}
