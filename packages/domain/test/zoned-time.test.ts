import { describe, expect, it } from 'vitest';
import { addDaysToLocalDate, localDateOf, localTimeOf, startOfLocalDayUtc, ValidationError, weekdayOfLocalDate, zonedToUtc, zonedToUtcIfExists } from '../src';

const BERLIN = 'Europe/Berlin';

describe('zonedToUtc', () => {
  it('converts Berlin wall-clock time in winter and summer', () => {
    expect(zonedToUtc('2027-01-15', '08:00', BERLIN).toISOString()).toBe('2027-01-15T07:00:00.000Z');
    expect(zonedToUtc('2027-07-15', '08:00', BERLIN).toISOString()).toBe('2027-07-15T06:00:00.000Z');
  });

  it('moves a time in the spring-forward gap forward, as calendars do', () => {
    expect(zonedToUtc('2027-03-28', '02:30', BERLIN).toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(localTimeOf(zonedToUtc('2027-03-28', '02:30', BERLIN), BERLIN)).toBe('03:30');
  });

  it('takes the first occurrence of a repeated time in autumn', () => {
    expect(zonedToUtc('2027-10-31', '02:30', BERLIN).toISOString()).toBe('2027-10-31T00:30:00.000Z');
  });

  it('rejects malformed input', () => {
    expect(() => zonedToUtc('2027-13-01', '08:00', BERLIN)).toThrow(ValidationError);
    expect(() => zonedToUtc('2027-01-01', '25:00', BERLIN)).toThrow(ValidationError);
    expect(() => zonedToUtc('2027-01-01', '08:00', 'Europe/Atlantis')).toThrow(ValidationError);
  });
});

describe('zonedToUtcIfExists', () => {
  it('returns null for a time that does not exist and the first occurrence for a repeated one', () => {
    expect(zonedToUtcIfExists('2027-03-28', '02:30', BERLIN)).toBeNull();
    expect(zonedToUtcIfExists('2027-10-31', '02:30', BERLIN)?.toISOString()).toBe('2027-10-31T00:30:00.000Z');
    expect(zonedToUtcIfExists('2027-10-31', '03:00', BERLIN)?.toISOString()).toBe('2027-10-31T02:00:00.000Z');
  });
});

describe('local date and time of an instant', () => {
  it('gives the Berlin calendar date, which differs from the UTC date just before midnight UTC', () => {
    const instant = new Date('2027-06-30T22:30:00Z');
    expect(localDateOf(instant, BERLIN)).toBe('2027-07-01');
    expect(localTimeOf(instant, BERLIN)).toBe('00:30');
    expect(localDateOf(instant, 'UTC')).toBe('2027-06-30');
  });

  it('round-trips local time through UTC on both sides of a switch', () => {
    for (const date of ['2027-03-27', '2027-03-29', '2027-10-30', '2027-11-01']) {
      const instant = zonedToUtc(date, '08:15', BERLIN);
      expect(localDateOf(instant, BERLIN)).toBe(date);
      expect(localTimeOf(instant, BERLIN)).toBe('08:15');
    }
  });
});

describe('startOfLocalDayUtc', () => {
  it('is local midnight, whose UTC instant shifts with daylight saving time', () => {
    expect(startOfLocalDayUtc('2027-03-28', BERLIN).toISOString()).toBe('2027-03-27T23:00:00.000Z');
    expect(startOfLocalDayUtc('2027-03-29', BERLIN).toISOString()).toBe('2027-03-28T22:00:00.000Z');
  });

  it('is the first existing moment in a zone that skips midnight', () => {
    // Chile jumps from 00:00 to 01:00 on 2026-09-06.
    expect(localTimeOf(startOfLocalDayUtc('2026-09-06', 'America/Santiago'), 'America/Santiago')).toBe('01:00');
  });
});

describe('calendar arithmetic', () => {
  it('adds days across month ends and gives ISO weekdays', () => {
    expect(addDaysToLocalDate('2027-02-27', 2)).toBe('2027-03-01');
    expect(weekdayOfLocalDate('2027-03-29')).toBe(1);
    expect(weekdayOfLocalDate('2027-03-28')).toBe(7);
  });
});
