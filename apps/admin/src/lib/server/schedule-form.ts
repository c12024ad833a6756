import type { OpeningSchedule } from '@termin/contracts';
import { checked, text, type FieldErrors } from './forms';

/** Rows per weekday in the form: enough for a morning, an afternoon and an evening opening. */
export const INTERVAL_ROWS = 3;
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export const validFromField = (block: number) => `s${block}.validFrom`;
export const timeField = (block: number, weekday: number, row: number, end: 'opens' | 'closes') => `s${block}.w${weekday}.${row}.${end}`;
export const removeField = (block: number) => `s${block}.remove`;

/**
 * The weekly schedules from the form's blocks (the saved ones and one empty block for a new one)
 * and, for each schedule and interval sent, the form field it came from, so the API's field names
 * (`schedules.1.intervals.3.closes`) find their way back to the input.
 */
export function schedulesFromForm(form: FormData, blocks: number) {
  const schedules: OpeningSchedule[] = [];
  const origins: { block: number; rows: { weekday: number; row: number }[] }[] = [];
  for (let block = 0; block < blocks; block++) {
    if (checked(form, removeField(block))) continue;
    const intervals: OpeningSchedule['intervals'] = [];
    const rows: { weekday: number; row: number }[] = [];
    for (const weekday of WEEKDAYS) {
      for (let row = 0; row < INTERVAL_ROWS; row++) {
        const opens = text(form, timeField(block, weekday, row, 'opens'));
        const closes = text(form, timeField(block, weekday, row, 'closes'));
        if (!opens && !closes) continue;
        intervals.push({ weekday, opens, closes });
        rows.push({ weekday, row });
      }
    }
    const validFrom = text(form, validFromField(block)) || null;
    // The extra block counts only once something is typed into it.
    const isNew = block === blocks - 1 && blocks > 1;
    if (isNew && !validFrom && intervals.length === 0) continue;
    schedules.push({ validFrom, intervals });
    origins.push({ block, rows });
  }

  const fieldOf = (apiField: string): string => {
    const match = /^schedules\.(\d+)(?:\.(validFrom|intervals)(?:\.(\d+)(?:\.(opens|closes|weekday))?)?)?/.exec(apiField);
    if (!match) return apiField;
    const origin = origins[Number(match[1])];
    if (!origin) return apiField;
    if (match[2] === 'validFrom' || !match[2]) return validFromField(origin.block);
    const row = match[3] !== undefined ? origin.rows[Number(match[3])] : undefined;
    if (!row) return validFromField(origin.block);
    return timeField(origin.block, row.weekday, row.row, match[4] === 'closes' ? 'closes' : 'opens');
  };
  const mapFields = (fields: FieldErrors): FieldErrors => {
    const mapped: FieldErrors = {};
    for (const [field, message] of Object.entries(fields)) mapped[fieldOf(field)] ??= message;
    return mapped;
  };
  return { schedules, mapFields };
}

/** Today in the location's zone, as YYYY-MM-DD, and a date some days later. */
export function localToday(timezone: string, plusDays = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + plusDays);
  return date.toISOString().slice(0, 10);
}
