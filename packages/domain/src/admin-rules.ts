import { ValidationError, type FieldError } from './errors';
import { addDaysToLocalDate, assertTimeZone, parseLocalDate, parseLocalTime } from './zoned-time';

/*
 * The checks of an administrator's configuration that a schema cannot express. Each returns every
 * problem at once, filed under the field the form shows it at.
 */

export interface OpeningIntervalInput {
  weekday: number;
  opens: string;
  closes: string;
}

export interface OpeningScheduleInput {
  /** YYYY-MM-DD, or null for "from the beginning". */
  validFrom: string | null;
  intervals: OpeningIntervalInput[];
}

/** One stored opening-hours row: the schedule's interval with the dates it applies on. */
export interface OpeningHoursRow extends OpeningIntervalInput {
  validFrom: string | null;
  validUntil: string | null;
}

function check(errors: FieldError[], field: string, run: () => void): boolean {
  try {
    run();
    return true;
  } catch (error) {
    if (error instanceof ValidationError) {
      errors.push(...error.fieldErrors.map((e) => ({ ...e, field })));
      return false;
    }
    throw error;
  }
}

export function timeZoneErrors(timezone: string, field = 'timezone'): FieldError[] {
  const errors: FieldError[] = [];
  check(errors, field, () => assertTimeZone(timezone, field));
  return errors;
}

/** Every interval ends after it starts, intervals of a weekday do not overlap, no two schedules start on the same day. */
export function openingScheduleErrors(schedules: OpeningScheduleInput[]): FieldError[] {
  const errors: FieldError[] = [];
  const starts = new Set<string>();
  schedules.forEach((schedule, i) => {
    const key = schedule.validFrom ?? '';
    if (schedule.validFrom !== null) check(errors, `schedules.${i}.validFrom`, () => parseLocalDate(schedule.validFrom!));
    if (starts.has(key)) errors.push({ field: `schedules.${i}.validFrom`, code: 'duplicate_valid_from' });
    starts.add(key);
    const parsed = schedule.intervals.map((interval, j) => {
      const path = `schedules.${i}.intervals.${j}`;
      let opens = Number.NaN;
      let closes = Number.NaN;
      check(errors, `${path}.opens`, () => void (opens = parseLocalTime(interval.opens)));
      check(errors, `${path}.closes`, () => void (closes = parseLocalTime(interval.closes, 'closes', true)));
      if (opens >= closes) errors.push({ field: `${path}.closes`, code: 'end_before_start' });
      return { j, weekday: interval.weekday, opens, closes };
    });
    for (const a of parsed) {
      const clash = parsed.find((b) => b.j < a.j && b.weekday === a.weekday && a.opens < b.closes && b.opens < a.closes);
      if (clash) errors.push({ field: `schedules.${i}.intervals.${a.j}`, code: 'intervals_overlap', params: { other: clash.j + 1 } });
    }
  });
  return errors;
}

/** Throws the field errors of a schedule list, if any. */
export function assertOpeningSchedules(schedules: OpeningScheduleInput[]): void {
  const errors = openingScheduleErrors(schedules);
  if (errors.length > 0) throw new ValidationError(errors);
}

/**
 * The rows to store: each schedule runs until the day before the next one starts, so exactly one
 * schedule applies on any day.
 */
export function openingHoursRows(schedules: OpeningScheduleInput[]): OpeningHoursRow[] {
  const ordered = [...schedules].sort((a, b) => (a.validFrom ?? '').localeCompare(b.validFrom ?? ''));
  return ordered.flatMap((schedule, i) => {
    const next = ordered[i + 1];
    const validUntil = next?.validFrom ? addDaysToLocalDate(next.validFrom, -1) : null;
    return schedule.intervals.map((interval) => ({ ...interval, validFrom: schedule.validFrom, validUntil }));
  });
}

/** Stored rows grouped back into the schedules an admin entered. */
export function openingSchedulesOf(rows: OpeningHoursRow[]): OpeningScheduleInput[] {
  const byStart = new Map<string, OpeningScheduleInput>();
  for (const row of rows) {
    const key = row.validFrom ?? '';
    const schedule = byStart.get(key) ?? { validFrom: row.validFrom, intervals: [] };
    schedule.intervals.push({ weekday: row.weekday, opens: row.opens, closes: row.closes });
    byStart.set(key, schedule);
  }
  return [...byStart.values()]
    .sort((a, b) => (a.validFrom ?? '').localeCompare(b.validFrom ?? ''))
    .map((s) => ({ ...s, intervals: s.intervals.sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens)) }));
}

/**
 * A service must fill whole slots: a 30-minute service on 20-minute slots would leave the counter
 * idle or overbooked. `field` names where the form shows it.
 */
export function slotLengthErrors(slotMinutes: number, services: { id: string; durationMinutes: number }[], field: string): FieldError[] {
  const misfits = services.filter((s) => s.durationMinutes % slotMinutes !== 0);
  return misfits.length === 0 ? [] : [{ field, code: 'slot_length_not_dividing', params: { slotMinutes, durationMinutes: misfits[0]!.durationMinutes } }];
}

export function dateRangeErrors(from: string, to: string | null, toField: string, fromField = 'date'): FieldError[] {
  const errors: FieldError[] = [];
  const okFrom = check(errors, fromField, () => parseLocalDate(from));
  const okTo = to === null || check(errors, toField, () => parseLocalDate(to));
  if (okFrom && okTo && to !== null && to < from) errors.push({ field: toField, code: 'end_before_start' });
  return errors;
}
