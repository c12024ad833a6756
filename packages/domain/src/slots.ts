import { Temporal } from '@js-temporal/polyfill';
import { ValidationError, type FieldError } from './errors';
import { isGermanState, publicHolidays, type GermanState } from './holidays';
import { assertTimeZone, formatLocalTime, parseLocalDate, parseLocalTime, startOfLocalDayUtc, zonedToUtcIfExists } from './zoned-time';

export { localDateOf, localTimeOf, zonedToUtc, zonedToUtcIfExists, startOfLocalDayUtc } from './zoned-time';

export interface TimeRange {
  start: string;
  end: string;
}

export interface OpeningHoursRule {
  /** ISO weekday, Monday = 1 … Sunday = 7. Several rules per weekday are allowed. */
  weekday: number;
  opens: string;
  /** 'HH:MM'; '24:00' for "until midnight". */
  closes: string;
  breaks?: TimeRange[];
}

/**
 * Without `opens` and `closes` the location is closed all day. With either of them the regular
 * opening hours of that day are cut to the given window (e.g. `closes: '12:00'` on Christmas Eve);
 * a closure never adds opening hours.
 */
export interface Closure {
  date: string;
  opens?: string | null;
  closes?: string | null;
}

export interface SlotGenerationInput {
  timezone: string;
  /** First local date, YYYY-MM-DD. */
  from: string;
  /** Last local date, inclusive. */
  to: string;
  slotMinutes: number;
  openingHours: OpeningHoursRule[];
  closures: Closure[];
  holidayState?: GermanState | null;
  /** Counters serving in parallel; every slot can take this many bookings. */
  capacity: number;
}

export interface GeneratedSlot {
  startsAt: Date;
  endsAt: Date;
  localDate: string;
  localTime: string;
  capacity: number;
}

/** Protects against runaway generation when a caller mixes up dates. */
export const MAX_SLOT_GENERATION_DAYS = 732;

const DAY_MINUTES = 24 * 60;

interface Window {
  start: number;
  end: number;
}

interface ParsedRule {
  weekday: number;
  segments: Window[];
}

/** Runs a parser and files its validation errors under `field`, so all problems are reported at once. */
function attempt<T>(errors: FieldError[], field: string, parse: () => T): T | null {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ValidationError) {
      errors.push(...error.fieldErrors.map((e) => ({ ...e, field })));
      return null;
    }
    throw error;
  }
}

function collect(errors: FieldError[], field: string, parse: () => number): number {
  return attempt(errors, field, parse) ?? Number.NaN;
}

/** Opening time minus breaks, as the stretches in which a slot may lie. */
function segmentsOf(opens: number, closes: number, breaks: Window[]): Window[] {
  const segments: Window[] = [];
  let cursor = opens;
  for (const b of [...breaks].sort((x, y) => x.start - y.start)) {
    if (b.start > cursor) segments.push({ start: cursor, end: Math.min(b.start, closes) });
    cursor = Math.max(cursor, b.end);
    if (cursor >= closes) break;
  }
  if (cursor < closes) segments.push({ start: cursor, end: closes });
  return segments.filter((s) => s.end > s.start);
}

function parseRules(rules: OpeningHoursRule[], errors: FieldError[]): ParsedRule[] {
  return rules.map((rule, i) => {
    const path = `openingHours.${i}`;
    if (!Number.isInteger(rule.weekday) || rule.weekday < 1 || rule.weekday > 7) {
      errors.push({ field: `${path}.weekday`, code: 'invalid_weekday' });
    }
    const opens = collect(errors, `${path}.opens`, () => parseLocalTime(rule.opens));
    const closes = collect(errors, `${path}.closes`, () => parseLocalTime(rule.closes, 'closes', true));
    if (opens >= closes) errors.push({ field: `${path}.closes`, code: 'closes_before_opens' });
    const breaks = (rule.breaks ?? []).map((b, j) => {
      const start = collect(errors, `${path}.breaks.${j}.start`, () => parseLocalTime(b.start));
      const end = collect(errors, `${path}.breaks.${j}.end`, () => parseLocalTime(b.end, 'end', true));
      if (start >= end) errors.push({ field: `${path}.breaks.${j}.end`, code: 'end_before_start' });
      return { start, end };
    });
    return { weekday: rule.weekday, segments: segmentsOf(opens, closes, breaks) };
  });
}

/** Per date: `null` = closed all day, otherwise the window the day's hours are cut to. */
function parseClosures(closures: Closure[], errors: FieldError[]): Map<string, Window | null> {
  const byDate = new Map<string, Window | null>();
  closures.forEach((closure, i) => {
    const path = `closures.${i}`;
    attempt(errors, `${path}.date`, () => parseLocalDate(closure.date));
    const hasOpens = closure.opens != null && closure.opens !== '';
    const hasCloses = closure.closes != null && closure.closes !== '';
    let window: Window | null = null;
    if (hasOpens || hasCloses) {
      const start = hasOpens ? collect(errors, `${path}.opens`, () => parseLocalTime(closure.opens!)) : 0;
      const end = hasCloses ? collect(errors, `${path}.closes`, () => parseLocalTime(closure.closes!, 'closes', true)) : DAY_MINUTES;
      if (start >= end) errors.push({ field: `${path}.closes`, code: 'closes_before_opens' });
      window = { start, end };
    }
    const previous = byDate.get(closure.date);
    if (previous === null) return;
    // Several entries for one day all restrict it.
    byDate.set(
      closure.date,
      window === null || previous === undefined ? window : { start: Math.max(previous.start, window.start), end: Math.min(previous.end, window.end) },
    );
  });
  return byDate;
}

function holidayDates(state: GermanState, fromYear: number, toYear: number): Set<string> {
  const dates = new Set<string>();
  for (let year = fromYear; year <= toYear; year++) {
    for (const h of publicHolidays(year, state)) dates.add(h.date);
  }
  return dates;
}

/**
 * Bookable slots of one location between two local dates.
 *
 * Slots run back to back from each opening time (and again from the end of each break) and never
 * reach past a closing time or into a break. Start times that do not exist on a spring-forward day
 * are skipped; start times that exist twice on a fall-back day use the first occurrence. A slot
 * lasts exactly `slotMinutes` of real time, also when it spans a clock change.
 */
export function generateSlots(input: SlotGenerationInput): GeneratedSlot[] {
  const errors: FieldError[] = [];
  attempt(errors, 'timezone', () => assertTimeZone(input.timezone));
  const from = attempt(errors, 'from', () => parseLocalDate(input.from));
  const to = attempt(errors, 'to', () => parseLocalDate(input.to));
  if (from && to) {
    const days = from.until(to, { largestUnit: 'days' }).days;
    if (days < 0) errors.push({ field: 'to', code: 'to_before_from' });
    if (days >= MAX_SLOT_GENERATION_DAYS) {
      errors.push({ field: 'to', code: 'range_too_long', params: { maxDays: MAX_SLOT_GENERATION_DAYS } });
    }
  }
  if (!Number.isInteger(input.slotMinutes) || input.slotMinutes < 1 || input.slotMinutes > DAY_MINUTES) {
    errors.push({ field: 'slotMinutes', code: 'invalid_slot_minutes' });
  }
  if (!Number.isInteger(input.capacity) || input.capacity < 0) {
    errors.push({ field: 'capacity', code: 'invalid_capacity' });
  }
  if (input.holidayState != null && !isGermanState(input.holidayState)) {
    errors.push({ field: 'holidayState', code: 'invalid_state' });
  }
  const rules = parseRules(input.openingHours, errors);
  const closures = parseClosures(input.closures, errors);
  if (errors.length > 0 || !from || !to) throw new ValidationError(errors);

  if (input.capacity === 0) return [];
  const holidays = input.holidayState ? holidayDates(input.holidayState, from.year, to.year) : new Set<string>();
  const slotMinutes = input.slotMinutes;
  const slots: GeneratedSlot[] = [];

  for (let day = from; Temporal.PlainDate.compare(day, to) <= 0; day = day.add({ days: 1 })) {
    const localDate = day.toString();
    if (holidays.has(localDate)) continue;
    const closure = closures.get(localDate);
    if (closure === null) continue;

    const starts = new Set<number>();
    for (const rule of rules) {
      if (rule.weekday !== day.dayOfWeek) continue;
      for (const segment of rule.segments) {
        for (let t = segment.start; t + slotMinutes <= segment.end; t += slotMinutes) {
          if (closure && (t < closure.start || t + slotMinutes > closure.end)) continue;
          starts.add(t);
        }
      }
    }

    if (starts.size === 0) continue;
    // On a day without a clock change (24 real hours from midnight to midnight) a local time is
    // midnight plus its minutes: two conversions per day instead of one per slot. Other days
    // convert each start, with the gap and overlap rules above.
    const dayStart = startOfLocalDayUtc(localDate, input.timezone).getTime();
    const plainDay = startOfLocalDayUtc(day.add({ days: 1 }).toString(), input.timezone).getTime() - dayStart === DAY_MINUTES * 60_000;
    for (const t of [...starts].sort((a, b) => a - b)) {
      const localTime = formatLocalTime(t);
      const startsAt = plainDay ? new Date(dayStart + t * 60_000) : zonedToUtcIfExists(localDate, localTime, input.timezone);
      if (!startsAt) continue;
      slots.push({
        startsAt,
        endsAt: new Date(startsAt.getTime() + slotMinutes * 60_000),
        localDate,
        localTime,
        capacity: input.capacity,
      });
    }
  }
  return slots;
}
