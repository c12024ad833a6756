import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contactHash, isRarelyUsed, noShowScore, normaliseEmail, normalisePhone, scoreBand, zonedToUtc, type NoShowInput } from '../src';

const BERLIN = 'Europe/Berlin';
const DAY = 24 * 60 * 60 * 1000;

/** An appointment at a Berlin wall-clock time, booked well in advance, with nothing suspicious. */
function input(localDate: string, localTime: string, overrides: Partial<NoShowInput> = {}): NoShowInput {
  const startsAt = zonedToUtc(localDate, localTime, BERLIN);
  return {
    bookedAt: new Date(startsAt.getTime() - 7 * DAY),
    startsAt,
    timezone: BERLIN,
    serviceRarelyUsed: false,
    history: { past: 0, noShows: 0 },
    ...overrides,
  };
}

// 2027-03-06 is a Saturday: neither Monday/Friday nor mid-week.
const SATURDAY = '2027-03-06';

describe('noShowScore factors', () => {
  it('scores an ordinary Saturday morning appointment booked a week ahead as 0', () => {
    expect(noShowScore(input(SATURDAY, '10:00'))).toEqual({ score: 0, band: 'green', factors: [] });
  });

  it('adds 20 for a booking made less than 24 hours ahead', () => {
    const base = input(SATURDAY, '10:00');
    const late = noShowScore({ ...base, bookedAt: new Date(base.startsAt.getTime() - DAY + 60_000) });
    expect(late.factors).toEqual([{ code: 'SHORT_NOTICE', points: 20 }]);
    expect(late.score).toBe(20);
    const exactlyADay = noShowScore({ ...base, bookedAt: new Date(base.startsAt.getTime() - DAY) });
    expect(exactlyADay.score).toBe(0);
  });

  it('adds 15 for an appointment before 09:00 local time', () => {
    expect(noShowScore(input(SATURDAY, '08:45')).factors).toEqual([{ code: 'EARLY_MORNING', points: 15 }]);
    expect(noShowScore(input(SATURDAY, '09:00')).score).toBe(0);
  });

  it('adds 10 on Mondays and Fridays', () => {
    expect(noShowScore(input('2027-03-01', '10:00')).factors).toEqual([{ code: 'MONDAY_OR_FRIDAY', points: 10 }]);
    expect(noShowScore(input('2027-03-05', '10:00')).score).toBe(10);
  });

  it('adds 10 for a rarely used service', () => {
    expect(noShowScore(input(SATURDAY, '10:00', { serviceRarelyUsed: true })).factors).toEqual([{ code: 'RARELY_USED_SERVICE', points: 10 }]);
  });

  it('adds up to 25 for the citizen’s own missed appointments', () => {
    const score = (past: number, noShows: number) => noShowScore(input(SATURDAY, '10:00', { history: { past, noShows } })).score;
    expect(score(0, 0)).toBe(0);
    expect(score(4, 0)).toBe(0);
    expect(score(4, 1)).toBe(6); // round(6.25)
    expect(score(3, 1)).toBe(8); // round(8.33)
    expect(score(2, 1)).toBe(13); // round(12.5)
    expect(score(4, 4)).toBe(25);
    // More no-shows than appointments is a data error; it must not exceed the cap.
    expect(score(2, 5)).toBe(25);
    expect(noShowScore(input(SATURDAY, '10:00', { history: { past: 2, noShows: 1 } })).factors).toEqual([{ code: 'OWN_HISTORY', points: 13 }]);
  });

  it('subtracts 5 for Tuesday to Thursday, never going below 0', () => {
    for (const date of ['2027-03-02', '2027-03-03', '2027-03-04']) {
      const result = noShowScore(input(date, '10:00'));
      expect(result.factors).toEqual([{ code: 'MIDWEEK', points: -5 }]);
      expect(result.score).toBe(0);
    }
    expect(noShowScore(input('2027-03-03', '10:00', { serviceRarelyUsed: true })).score).toBe(5);
  });

  it('adds everything up for the riskiest case and stays within 0–100', () => {
    const base = input('2027-03-01', '08:00', { serviceRarelyUsed: true, history: { past: 1, noShows: 1 } });
    const result = noShowScore({ ...base, bookedAt: new Date(base.startsAt.getTime() - 60 * 60_000) });
    expect(result.factors.map((f) => f.code)).toEqual(['SHORT_NOTICE', 'EARLY_MORNING', 'MONDAY_OR_FRIDAY', 'RARELY_USED_SERVICE', 'OWN_HISTORY']);
    expect(result.score).toBe(80);
    expect(result.band).toBe('red');
  });

  it('rejects a negative history', () => {
    expect(() => noShowScore(input(SATURDAY, '10:00', { history: { past: -1, noShows: 0 } }))).toThrow();
  });
});

describe('noShowScore uses the location’s time zone', () => {
  it('judges "before 09:00" by Berlin time in summer, not by UTC', () => {
    // 08:30 Berlin summer time is 06:30Z, 09:30 is 07:30Z: both before 09:00 UTC.
    expect(noShowScore(input('2027-07-03', '08:30')).factors.map((f) => f.code)).toEqual(['EARLY_MORNING']);
    expect(noShowScore(input('2027-07-03', '09:30')).factors).toEqual([]);
  });

  it('judges the weekday by Berlin date, not by UTC date', () => {
    // Tuesday 00:30 in Berlin is still Monday in UTC.
    const tuesdayNight = input('2027-07-06', '00:30');
    expect(tuesdayNight.startsAt.getUTCDay()).toBe(1);
    expect(noShowScore(tuesdayNight).factors.map((f) => f.code)).toEqual(['EARLY_MORNING', 'MIDWEEK']);
  });

  it('sees the same local hour on both sides of the spring switch', () => {
    for (const date of ['2027-03-27', '2027-03-29']) {
      expect(noShowScore(input(date, '08:59')).factors.map((f) => f.code)).toContain('EARLY_MORNING');
      expect(noShowScore(input(date, '09:00')).factors.map((f) => f.code)).not.toContain('EARLY_MORNING');
    }
  });
});

describe('scoreBand', () => {
  it('is green up to 30, yellow up to 60, red above', () => {
    expect([0, 30, 31, 60, 61, 100].map(scoreBand)).toEqual(['green', 'green', 'yellow', 'yellow', 'red', 'red']);
  });
});

describe('isRarelyUsed', () => {
  it('is true below 20 % of the average bookings per service', () => {
    expect(isRarelyUsed(19, 100)).toBe(true);
    expect(isRarelyUsed(20, 100)).toBe(false);
    expect(isRarelyUsed(0, 10)).toBe(true);
  });

  it('is false while there are no bookings to compare with', () => {
    expect(isRarelyUsed(0, 0)).toBe(false);
  });
});

describe('contact normalisation and hashing', () => {
  it('normalises e-mail addresses', () => {
    expect(normaliseEmail('  Erika.Mustermann@Example.DE ')).toBe('erika.mustermann@example.de');
  });

  it('reads variants of one mailbox as one address: +tags, Gmail dots and googlemail.com', () => {
    for (const typed of ['erikamuster@gmail.com', 'Erika.Muster@Gmail.com', 'e.r.i.k.a.muster+termin@googlemail.com', ' ERIKAMUSTER+1+2@GMAIL.COM ']) {
      expect(normaliseEmail(typed), typed).toBe('erikamuster@gmail.com');
    }
    // Dots count at other providers; only the tag is dropped there.
    expect(normaliseEmail('Erika.Muster+rathaus@web.de')).toBe('erika.muster@web.de');
    expect(normaliseEmail('+only@example.org')).toBe('+only@example.org');
  });

  it('normalises German phone numbers however they are typed', () => {
    for (const typed of ['0171 2345678', '0171-234 56 78', '(0171) 2345678', '+49 171 2345678', '0049 171 2345678', '+49 (0)171 2345678', '0171/2345678']) {
      expect(normalisePhone(typed), typed).toBe('+491712345678');
    }
    expect(normalisePhone('0043 1 234567')).toBe('+431234567');
  });

  it('hashes with HMAC-SHA256 over the normalised contact', () => {
    const expected = createHmac('sha256', 'secret').update('erika@example.de').digest('hex');
    expect(contactHash('secret', ' Erika@Example.de')).toBe(expected);
    expect(contactHash('secret', '0171 2345678')).toBe(contactHash('secret', '+49 171 2345678'));
  });

  it('gives different hashes for different secrets and for different people', () => {
    expect(contactHash('a', 'erika@example.de')).not.toBe(contactHash('b', 'erika@example.de'));
    expect(contactHash('a', 'erika@example.de')).not.toBe(contactHash('a', 'max@example.de'));
    expect(contactHash('a', 'erika@example.de')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses to hash without a secret', () => {
    expect(() => contactHash('', 'erika@example.de')).toThrow();
  });
});
