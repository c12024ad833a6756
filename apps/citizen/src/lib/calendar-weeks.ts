/** Calendar arithmetic on local dates ("2026-12-07"), done at noon UTC so no zone shifts a day. */
const noon = (localDate: string) => new Date(`${localDate}T12:00:00Z`);
const toLocalDate = (date: Date) => date.toISOString().slice(0, 10);

export function addDays(localDate: string, days: number): string {
  const date = noon(localDate);
  date.setUTCDate(date.getUTCDate() + days);
  return toLocalDate(date);
}

/** 1 for Monday … 7 for Sunday: the column of a day in a week that starts on Monday. */
export function weekdayColumn(localDate: string): number {
  return ((noon(localDate).getUTCDay() + 6) % 7) + 1;
}

export interface CalendarWeek {
  /** Monday of the week. */
  monday: string;
  sunday: string;
  /** The free days of the week, ascending. */
  days: string[];
}

/**
 * The weeks from the one holding `firstDay` to the one holding `lastDay`, Monday to Sunday, each
 * with its free days. A week without a free day is kept, so the calendar shows the whole horizon.
 */
export function calendarWeeks(firstDay: string, lastDay: string, freeDays: readonly string[]): CalendarWeek[] {
  const weeks: CalendarWeek[] = [];
  for (let monday = addDays(firstDay, 1 - weekdayColumn(firstDay)); monday <= lastDay; monday = addDays(monday, 7)) {
    const sunday = addDays(monday, 6);
    weeks.push({ monday, sunday, days: freeDays.filter((day) => day >= monday && day <= sunday) });
  }
  return weeks;
}
