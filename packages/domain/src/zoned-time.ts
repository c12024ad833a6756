/**
 * Wall-clock <-> instant conversion for a location's IANA time zone.
 *
 * Library choice: @js-temporal/polyfill. Temporal's `disambiguation` option names exactly the two
 * DST rules we need ('reject' finds wall-clock times that do not exist in the spring-forward gap,
 * 'earlier' picks the first of two occurrences in the fall-back hour), where date-fns-tz would leave
 * us to detect gaps and overlaps by comparing offsets by hand. It is the reference implementation
 * maintained by the TC39 proposal's champions and will be replaceable by the built-in `Temporal`.
 */
import { Temporal } from '@js-temporal/polyfill';
import { ValidationError } from './errors';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;

export function parseLocalDate(localDate: string, field = 'localDate'): Temporal.PlainDate {
  if (typeof localDate === 'string' && LOCAL_DATE.test(localDate)) {
    try {
      // 'reject' so that 2027-02-30 is an error instead of silently becoming 2027-02-28.
      return Temporal.PlainDate.from(localDate, { overflow: 'reject' });
    } catch {
      // fall through to the validation error
    }
  }
  throw new ValidationError([{ field, code: 'invalid_date' }]);
}

/**
 * Minutes since local midnight. '24:00' is accepted only when `allowEndOfDay` is set, so that
 * opening hours can run until midnight.
 */
export function parseLocalTime(localTime: string, field = 'localTime', allowEndOfDay = false): number {
  const match = typeof localTime === 'string' ? LOCAL_TIME.exec(localTime) : null;
  if (match) {
    const minutes = Number(match[1]) * 60 + Number(match[2]);
    if (minutes < 24 * 60 || (allowEndOfDay && minutes === 24 * 60)) return minutes;
  }
  throw new ValidationError([{ field, code: 'invalid_time' }]);
}

export function formatLocalTime(minutesSinceMidnight: number): string {
  const h = Math.floor(minutesSinceMidnight / 60);
  const m = minutesSinceMidnight % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

// Validating a zone costs a lookup in the ICU data; slot generation asks thousands of times.
const knownTimeZones = new Set<string>();

export function assertTimeZone(timezone: string, field = 'timezone'): void {
  if (knownTimeZones.has(timezone)) return;
  try {
    Temporal.Now.instant().toZonedDateTimeISO(timezone);
    knownTimeZones.add(timezone);
  } catch {
    throw new ValidationError([{ field, code: 'invalid_timezone' }]);
  }
}

function toPlainDateTime(localDate: string, localTime: string): Temporal.PlainDateTime {
  const date = parseLocalDate(localDate);
  const minutes = parseLocalTime(localTime);
  return date.toPlainDateTime({ hour: Math.floor(minutes / 60), minute: minutes % 60 });
}

function toDate(zoned: Temporal.ZonedDateTime): Date {
  return new Date(zoned.epochMilliseconds);
}

/**
 * The UTC instant of a local wall-clock time. Times in the spring-forward gap are moved forward by
 * the gap length (02:30 becomes 03:30 in Berlin), ambiguous times take the first occurrence; this
 * is the 'compatible' behaviour calendars use. Use `zonedToUtcIfExists` to skip gap times instead.
 */
export function zonedToUtc(localDate: string, localTime: string, timezone: string): Date {
  assertTimeZone(timezone);
  return toDate(toPlainDateTime(localDate, localTime).toZonedDateTime(timezone, { disambiguation: 'compatible' }));
}

/** Like `zonedToUtc`, but `null` for wall-clock times that do not exist on that day. */
export function zonedToUtcIfExists(localDate: string, localTime: string, timezone: string): Date | null {
  assertTimeZone(timezone);
  const local = toPlainDateTime(localDate, localTime);
  try {
    const zoned = local.toZonedDateTime(timezone, { disambiguation: 'reject' });
    return toDate(zoned);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    // 'reject' throws both for gaps and for overlaps; only an overlap has an earlier occurrence
    // that maps back to the same wall-clock time.
    const earlier = local.toZonedDateTime(timezone, { disambiguation: 'earlier' });
    return earlier.toPlainDateTime().equals(local) ? toDate(earlier) : null;
  }
}

/**
 * The same few slots and days are converted over and over (every booking, every free-times answer),
 * and the polyfill takes tens of microseconds per conversion. The results are pure, so they are
 * remembered; the memory is bounded by dropping everything once it holds MEMO_LIMIT answers.
 */
const MEMO_LIMIT = 20_000;
function remembered<R>(compute: (key: string) => R): (key: string) => R {
  const memory = new Map<string, R>();
  return (key) => {
    let result = memory.get(key);
    if (result === undefined) {
      result = compute(key);
      if (memory.size >= MEMO_LIMIT) memory.clear();
      memory.set(key, result);
    }
    return result;
  };
}

const startOfDayMs = remembered((key) => {
  const [localDate, timezone] = key.split('|') as [string, string];
  assertTimeZone(timezone);
  return toDate(parseLocalDate(localDate).toZonedDateTime({ timeZone: timezone })).getTime();
});

/** Midnight (or the first existing moment) of a local date, as a UTC instant. */
export function startOfLocalDayUtc(localDate: string, timezone: string): Date {
  return new Date(startOfDayMs(`${localDate}|${timezone}`));
}

interface LocalParts {
  date: string;
  minutes: number;
  weekday: number;
}

const partsOf = remembered((key): LocalParts => {
  const [ms, timezone] = key.split('|') as [string, string];
  const z = Temporal.Instant.fromEpochMilliseconds(Number(ms)).toZonedDateTimeISO(timezone);
  return { date: z.toPlainDate().toString(), minutes: z.hour * 60 + z.minute, weekday: z.dayOfWeek };
});

function zoned(instant: Date, timezone: string): LocalParts {
  assertTimeZone(timezone);
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new ValidationError([{ field: 'instant', code: 'invalid_instant' }]);
  }
  return partsOf(`${instant.getTime()}|${timezone}`);
}

export function localDateOf(instant: Date, timezone: string): string {
  return zoned(instant, timezone).date;
}

export function localTimeOf(instant: Date, timezone: string): string {
  return formatLocalTime(zoned(instant, timezone).minutes);
}

/** ISO weekday (Monday = 1 … Sunday = 7) of an instant in the given zone. */
export function localWeekdayOf(instant: Date, timezone: string): number {
  return zoned(instant, timezone).weekday;
}

/** Minutes since local midnight of an instant in the given zone. */
export function localMinutesOf(instant: Date, timezone: string): number {
  return zoned(instant, timezone).minutes;
}

export function addDaysToLocalDate(localDate: string, days: number): string {
  return parseLocalDate(localDate).add({ days }).toString();
}

/** ISO weekday (Monday = 1 … Sunday = 7) of a calendar date. */
export function weekdayOfLocalDate(localDate: string): number {
  return parseLocalDate(localDate).dayOfWeek;
}
