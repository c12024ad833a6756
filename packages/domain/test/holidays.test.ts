import { describe, expect, it } from 'vitest';
import { GERMAN_STATES, isPublicHoliday, publicHolidays, ValidationError } from '../src';

describe('isPublicHoliday', () => {
  it('knows Internationaler Frauentag is a holiday in Berlin only', () => {
    expect(isPublicHoliday('2027-03-08', 'BE')).toBe(true);
    expect(isPublicHoliday('2027-03-08', 'BY')).toBe(false);
  });

  it('finds Ostermontag from the Easter date in every state', () => {
    for (const state of GERMAN_STATES) {
      expect(isPublicHoliday('2027-03-29', state)).toBe(true);
      expect(isPublicHoliday('2026-04-06', state)).toBe(true);
      expect(isPublicHoliday('2026-03-30', state)).toBe(false);
    }
  });

  it('has Fronleichnam in Bavaria and NRW but not in Berlin or Hamburg', () => {
    // Easter 2027 is 28 March, Corpus Christi 60 days later.
    expect(isPublicHoliday('2027-05-27', 'BY')).toBe(true);
    expect(isPublicHoliday('2027-05-27', 'NW')).toBe(true);
    expect(isPublicHoliday('2027-05-27', 'BE')).toBe(false);
    expect(isPublicHoliday('2027-05-27', 'HH')).toBe(false);
  });

  it('has Reformationstag in Hamburg and Buß- und Bettag only in Saxony', () => {
    expect(isPublicHoliday('2026-10-31', 'HH')).toBe(true);
    expect(isPublicHoliday('2026-10-31', 'BW')).toBe(false);
    expect(isPublicHoliday('2026-11-18', 'SN')).toBe(true);
    expect(isPublicHoliday('2026-11-18', 'BY')).toBe(false);
  });

  it('treats an ordinary working day as no holiday', () => {
    expect(isPublicHoliday('2027-03-09', 'BE')).toBe(false);
  });

  it('rejects unknown states and malformed dates', () => {
    expect(() => isPublicHoliday('2027-03-08', 'XX' as never)).toThrow(ValidationError);
    expect(() => isPublicHoliday('08.03.2027', 'BE')).toThrow(ValidationError);
  });
});

describe('publicHolidays', () => {
  it('lists the Berlin holidays of 2027 in date order with German and English names', () => {
    const holidays = publicHolidays(2027, 'BE');
    expect(holidays.map((h) => h.date)).toEqual([
      '2027-01-01',
      '2027-03-08',
      '2027-03-26',
      '2027-03-29',
      '2027-05-01',
      '2027-05-06',
      '2027-05-17',
      '2027-10-03',
      '2027-12-25',
      '2027-12-26',
    ]);
    expect(holidays.find((h) => h.date === '2027-03-29')).toEqual({
      date: '2027-03-29',
      name: 'Ostermontag',
      nameEn: 'Easter Monday',
      code: 'OSTERMONTAG',
    });
    expect(holidays.find((h) => h.date === '2027-03-26')?.name).toBe('Karfreitag');
    expect(holidays.find((h) => h.date === '2027-05-06')?.name).toBe('Christi Himmelfahrt');
    expect(holidays.find((h) => h.date === '2027-05-17')?.name).toBe('Pfingstmontag');
  });

  it('includes Fronleichnam for Baden-Württemberg', () => {
    expect(publicHolidays(2026, 'BW')).toContainEqual(expect.objectContaining({ date: '2026-06-04', name: 'Fronleichnam' }));
  });

  it('rejects a year that is not a whole number', () => {
    expect(() => publicHolidays(2026.5, 'BE')).toThrow(ValidationError);
  });
});
