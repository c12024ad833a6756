import { TX_OPTIONS, type Db, type DbOrTx } from '@termin/db';
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

export interface RuleRow {
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

/** What a location's slots are made from, as stored (rules rows, closures, holidays, open counters). */
export interface SlotRules {
  timezone: string;
  slotMinutes: number;
  active: boolean;
  /** Open counters: every slot takes this many bookings. */
  counters: number;
  holidayState: string | null;
  openingHours: RuleRow[];
  closures: { date: Date; endDate?: Date | null; opens: string | null; closes: string | null }[];
  /** Local holidays of the municipality (dates), closing every location. */
  localHolidays: Date[];
}

/** Every day a closure covers, as the single-day closures slot generation takes. */
function closureDays(rules: SlotRules, from: string, to: string) {
  const days: { date: string; opens: string | null; closes: string | null }[] = [];
  for (const c of rules.closures) {
    const first = dateOf(c.date) < from ? from : dateOf(c.date);
    const last = c.endDate ? (dateOf(c.endDate) > to ? to : dateOf(c.endDate)) : dateOf(c.date);
    for (let day = first; day <= last; day = addDaysToLocalDate(day, 1)) days.push({ date: day, opens: c.opens, closes: c.closes });
  }
  for (const d of rules.localHolidays) days.push({ date: dateOf(d), opens: null, closes: null });
  return days;
}

/** The slots the rules produce between two local dates (pure: previews and regeneration share it). */
export function slotsFromRules(rules: SlotRules, from: string, to: string): GeneratedSlot[] {
  return generateWithValidity(rules.openingHours, from, to, {
    timezone: rules.timezone,
    slotMinutes: rules.slotMinutes,
    closures: closureDays(rules, from, to),
    holidayState: rules.holidayState && isGermanState(rules.holidayState) ? rules.holidayState : null,
    capacity: rules.active ? rules.counters : 0,
  });
}

/** The stored rules of a location, or null when it does not exist. */
export async function loadSlotRules(db: DbOrTx, locationId: string): Promise<(SlotRules & { tenantId: string }) | null> {
  const location = await db.location.findUnique({
    where: { id: locationId },
    include: {
      tenant: { select: { holidayState: true, localHolidays: { select: { date: true } } } },
      openingHours: true,
      closures: true,
      _count: { select: { counters: { where: { active: true } } } },
    },
  });
  if (!location) return null;
  return {
    tenantId: location.tenantId,
    timezone: location.timezone,
    slotMinutes: location.slotMinutes,
    active: location.active,
    counters: location._count.counters,
    holidayState: location.holidayState ?? location.tenant.holidayState,
    openingHours: location.openingHours,
    closures: location.closures,
    localHolidays: location.tenant.localHolidays.map((h) => h.date),
  };
}

/**
 * Brings the stored slots of one location between two local dates in line with its opening hours,
 * closures, public holidays and active counters, without ever losing a booking: all changes in one
 * transaction, capacity updates never go below `booked` and only unbooked slots are deleted, both
 * re-checked in SQL so a booking that lands meanwhile wins.
 */
export async function regenerateSlots({ db, locationId, from, to, now }: RegenerateSlotsInput): Promise<RegenerateSlotsResult> {
  const location = await loadSlotRules(db, locationId);
  if (!location) throw new NotFoundError('location_not_found');
  const generated = slotsFromRules(location, from, to).filter((s) => s.startsAt >= now);

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
      // One statement over arrays (a year of slots is thousands of rows); ON CONFLICT: a concurrent
      // regeneration may have created the same slot first.
      created = await tx.$executeRaw`
        INSERT INTO "TimeSlot" (id, "locationId", "startsAt", "endsAt", capacity)
        SELECT gen_random_uuid(), ${locationId}::uuid, v.starts, v.ends, v.capacity
        FROM unnest(${plan.create.map((s) => s.startsAt.toISOString())}::timestamptz[],
                    ${plan.create.map((s) => s.endsAt.toISOString())}::timestamptz[],
                    ${plan.create.map((s) => s.capacity)}::int[]) AS v(starts, ends, capacity)
        ON CONFLICT ("locationId", "startsAt") DO NOTHING`;
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
