import { getHolidays, isHoliday } from 'feiertagejs';
import { ValidationError } from './errors';

/** Bundesland codes as used by the Kultusministerkonferenz and by feiertagejs. */
export const GERMAN_STATES = ['BW', 'BY', 'BE', 'BB', 'HB', 'HH', 'HE', 'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH'] as const;

export type GermanState = (typeof GERMAN_STATES)[number];

export interface PublicHoliday {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  /** German name, e.g. "Ostermontag". */
  name: string;
  /** English name, e.g. "Easter Monday". */
  nameEn: string;
  /** Stable identifier, e.g. "OSTERMONTAG". */
  code: string;
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isGermanState(value: unknown): value is GermanState {
  return typeof value === 'string' && (GERMAN_STATES as readonly string[]).includes(value);
}

function assertState(state: string): asserts state is GermanState {
  if (!isGermanState(state)) {
    throw new ValidationError([{ field: 'state', code: 'invalid_state', params: { value: String(state) } }]);
  }
}

/**
 * State-wide statutory holidays only. Holidays that apply to single municipalities
 * (e.g. Fronleichnam in parts of Saxony, Augsburger Friedensfest) are not covered; a location
 * enters those as closures.
 */
export function isPublicHoliday(localDate: string, state: GermanState): boolean {
  assertState(state);
  if (!LOCAL_DATE.test(localDate)) {
    throw new ValidationError([{ field: 'localDate', code: 'invalid_date' }]);
  }
  // A YYYY-MM-DD string is read by feiertagejs as a calendar date, free of any time zone.
  return isHoliday(localDate, state);
}

export function publicHolidays(year: number, state: GermanState): PublicHoliday[] {
  assertState(state);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new ValidationError([{ field: 'year', code: 'invalid_year' }]);
  }
  return getHolidays(year, state)
    .map((h) => ({
      date: h.dateString,
      // Explicit language codes: the library's default language is process-global state.
      name: h.translate('de') ?? h.name,
      nameEn: h.translate('en') ?? h.name,
      code: h.name,
    }))
    .sort((a, b) => a.date.localeCompare(b.date));
}
