import { describe, expect, it } from 'vitest';
import { generateSlots, ValidationError, type OpeningHoursRule, type SlotGenerationInput } from '../src';

const BERLIN = 'Europe/Berlin';
const everyDay = (opens: string, closes: string, extra: Partial<OpeningHoursRule> = {}): OpeningHoursRule[] =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens, closes, ...extra }));

function slots(overrides: Partial<SlotGenerationInput>) {
  return generateSlots({
    timezone: BERLIN,
    from: '2027-03-01',
    to: '2027-03-01',
    slotMinutes: 30,
    openingHours: everyDay('08:00', '12:00'),
    closures: [],
    holidayState: null,
    capacity: 2,
    ...overrides,
  });
}

const firstSlotOf = (all: ReturnType<typeof slots>, localDate: string) => all.find((s) => s.localDate === localDate);

describe('generateSlots across daylight saving time', () => {
  it('starts at 08:00 local both sides of the spring switch, one hour earlier in UTC afterwards', () => {
    const all = slots({ from: '2027-03-25', to: '2027-03-30' });
    // 2027-03-28 (Sunday) is the switch to summer time.
    for (const [date, utc] of [
      ['2027-03-25', '2027-03-25T07:00:00.000Z'],
      ['2027-03-26', '2027-03-26T07:00:00.000Z'],
      ['2027-03-27', '2027-03-27T07:00:00.000Z'],
      ['2027-03-29', '2027-03-29T06:00:00.000Z'],
      ['2027-03-30', '2027-03-30T06:00:00.000Z'],
    ] as const) {
      const first = firstSlotOf(all, date);
      expect(first?.localTime, date).toBe('08:00');
      expect(first?.startsAt.toISOString(), date).toBe(utc);
    }
  });

  it('starts at 08:00 local both sides of the autumn switch, one hour later in UTC afterwards', () => {
    const all = slots({ from: '2027-10-28', to: '2027-11-02' });
    // 2027-10-31 (Sunday) is the switch back to winter time.
    for (const [date, utc] of [
      ['2027-10-28', '2027-10-28T06:00:00.000Z'],
      ['2027-10-29', '2027-10-29T06:00:00.000Z'],
      ['2027-11-01', '2027-11-01T07:00:00.000Z'],
      ['2027-11-02', '2027-11-02T07:00:00.000Z'],
    ] as const) {
      const first = firstSlotOf(all, date);
      expect(first?.localTime, date).toBe('08:00');
      expect(first?.startsAt.toISOString(), date).toBe(utc);
    }
  });

  it('skips start times that do not exist when clocks jump from 02:00 to 03:00', () => {
    const night = slots({ from: '2027-03-28', to: '2027-03-28', openingHours: everyDay('01:00', '04:00') });
    expect(night.map((s) => s.localTime)).toEqual(['01:00', '01:30', '03:00', '03:30']);
    expect(night.map((s) => s.startsAt.toISOString())).toEqual([
      '2027-03-28T00:00:00.000Z',
      '2027-03-28T00:30:00.000Z',
      '2027-03-28T01:00:00.000Z',
      '2027-03-28T01:30:00.000Z',
    ]);
  });

  it('uses the first occurrence of the repeated hour when clocks go back, without overlapping slots', () => {
    const night = slots({ from: '2027-10-31', to: '2027-10-31', openingHours: everyDay('01:30', '03:30') });
    expect(night.map((s) => s.localTime)).toEqual(['01:30', '02:00', '02:30', '03:00']);
    expect(night.map((s) => s.startsAt.toISOString())).toEqual([
      '2027-10-30T23:30:00.000Z',
      '2027-10-31T00:00:00.000Z', // 02:00 summer time, the first 02:00
      '2027-10-31T00:30:00.000Z',
      '2027-10-31T02:00:00.000Z', // 03:00 winter time
    ]);
    for (const [a, b] of night.slice(1).map((s, i) => [night[i]!, s] as const)) {
      expect(a.endsAt.getTime()).toBeLessThanOrEqual(b.startsAt.getTime());
    }
    for (const s of night) expect(s.endsAt.getTime() - s.startsAt.getTime()).toBe(30 * 60_000);
  });

  it('honours the time zone it is given', () => {
    const [first] = slots({ timezone: 'America/New_York', from: '2027-07-01', to: '2027-07-01' });
    expect(first?.startsAt.toISOString()).toBe('2027-07-01T12:00:00.000Z');
  });
});

describe('generateSlots opening hours', () => {
  it('fills the opening hours back to back and never runs past closing time', () => {
    const day = slots({ slotMinutes: 45, openingHours: [{ weekday: 1, opens: '08:00', closes: '10:00' }] });
    // 2027-03-01 is a Monday; a third 45-minute slot would end at 10:15.
    expect(day.map((s) => s.localTime)).toEqual(['08:00', '08:45']);
    expect(day.at(-1)?.endsAt.toISOString()).toBe('2027-03-01T08:30:00.000Z');
    expect(day.every((s) => s.capacity === 2 && s.localDate === '2027-03-01')).toBe(true);
  });

  it('offers no slot during a break and restarts right after it', () => {
    const day = slots({
      from: '2027-03-02',
      to: '2027-03-02',
      slotMinutes: 20,
      openingHours: everyDay('09:00', '11:00', { breaks: [{ start: '10:00', end: '10:30' }] }),
    });
    expect(day.map((s) => s.localTime)).toEqual(['09:00', '09:20', '09:40', '10:30']);
  });

  it('drops a slot that would run into a break', () => {
    const day = slots({
      from: '2027-03-02',
      to: '2027-03-02',
      slotMinutes: 25,
      openingHours: everyDay('09:00', '11:00', { breaks: [{ start: '10:00', end: '10:30' }] }),
    });
    // 09:50 would end at 10:15, inside the break.
    expect(day.map((s) => s.localTime)).toEqual(['09:00', '09:25', '10:30']);
  });

  it('supports morning and afternoon hours on the same weekday and only on that weekday', () => {
    const week = slots({
      from: '2027-03-01',
      to: '2027-03-07',
      slotMinutes: 60,
      openingHours: [
        { weekday: 4, opens: '08:00', closes: '10:00' },
        { weekday: 4, opens: '14:00', closes: '18:00' },
      ],
    });
    expect(week.map((s) => `${s.localDate} ${s.localTime}`)).toEqual([
      '2027-03-04 08:00',
      '2027-03-04 09:00',
      '2027-03-04 14:00',
      '2027-03-04 15:00',
      '2027-03-04 16:00',
      '2027-03-04 17:00',
    ]);
  });

  it('offers a time once even when two rules cover it', () => {
    const day = slots({
      slotMinutes: 60,
      openingHours: [
        { weekday: 1, opens: '08:00', closes: '10:00' },
        { weekday: 1, opens: '09:00', closes: '11:00' },
      ],
    });
    expect(day.map((s) => s.localTime)).toEqual(['08:00', '09:00', '10:00']);
  });

  it('can stay open until midnight', () => {
    const day = slots({ slotMinutes: 60, openingHours: [{ weekday: 1, opens: '22:00', closes: '24:00' }] });
    expect(day.map((s) => s.localTime)).toEqual(['22:00', '23:00']);
    expect(day.at(-1)?.endsAt.toISOString()).toBe('2027-03-01T23:00:00.000Z');
  });

  it('offers nothing when no counter is staffed', () => {
    expect(slots({ capacity: 0 })).toEqual([]);
  });
});

describe('generateSlots holidays and closures', () => {
  const week = (overrides: Partial<SlotGenerationInput>) => slots({ from: '2027-03-08', to: '2027-03-09', openingHours: everyDay('08:00', '12:00'), ...overrides });

  it('has no slots on a Berlin holiday for a Berlin location, but does for a Bavarian one', () => {
    expect(week({ holidayState: 'BE' }).map((s) => s.localDate)).not.toContain('2027-03-08');
    expect(week({ holidayState: 'BE' }).map((s) => s.localDate)).toContain('2027-03-09');
    expect(week({ holidayState: 'BY' }).map((s) => s.localDate)).toContain('2027-03-08');
  });

  it('has no slots on Good Friday and Easter Monday', () => {
    const easter = slots({ from: '2027-03-25', to: '2027-03-30', holidayState: 'BY' });
    expect([...new Set(easter.map((s) => s.localDate))]).toEqual(['2027-03-25', '2027-03-27', '2027-03-28', '2027-03-30']);
  });

  it('ignores holidays when no state is set', () => {
    expect(week({ holidayState: null }).map((s) => s.localDate)).toContain('2027-03-08');
  });

  it('has no slots on a full closure day', () => {
    const all = week({ closures: [{ date: '2027-03-09' }] });
    expect(all.length).toBeGreaterThan(0);
    expect(all.map((s) => s.localDate)).not.toContain('2027-03-09');
  });

  it('cuts a partially closed day to the given window', () => {
    const early = week({ closures: [{ date: '2027-03-09', closes: '10:00' }] }).filter((s) => s.localDate === '2027-03-09');
    expect(early.map((s) => s.localTime)).toEqual(['08:00', '08:30', '09:00', '09:30']);
    const late = week({ closures: [{ date: '2027-03-09', opens: '10:45' }] }).filter((s) => s.localDate === '2027-03-09');
    expect(late.map((s) => s.localTime)).toEqual(['11:00', '11:30']);
    const both = week({ closures: [{ date: '2027-03-09', opens: '09:00', closes: '10:00' }] }).filter((s) => s.localDate === '2027-03-09');
    expect(both.map((s) => s.localTime)).toEqual(['09:00', '09:30']);
  });

  it('never adds hours through a partial closure', () => {
    const day = week({ closures: [{ date: '2027-03-09', opens: '06:00', closes: '20:00' }] }).filter((s) => s.localDate === '2027-03-09');
    expect(day[0]?.localTime).toBe('08:00');
    expect(day.at(-1)?.localTime).toBe('11:30');
  });

  it('lets a full closure win over a partial one on the same day', () => {
    const all = week({ closures: [{ date: '2027-03-09', closes: '10:00' }, { date: '2027-03-09' }] });
    expect(all.map((s) => s.localDate)).not.toContain('2027-03-09');
  });
});

describe('generateSlots input checks', () => {
  it('reports every broken field at once', () => {
    try {
      slots({
        timezone: 'Mars/Olympus',
        to: '2027-02-30',
        slotMinutes: 0,
        openingHours: [{ weekday: 8, opens: '12:00', closes: '08:00', breaks: [{ start: '9:00', end: '10:00' }] }],
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      const fields = (error as ValidationError).fieldErrors.map((e) => `${e.field}:${e.code}`);
      expect(fields).toEqual(
        expect.arrayContaining([
          'timezone:invalid_timezone',
          'to:invalid_date',
          'slotMinutes:invalid_slot_minutes',
          'openingHours.0.weekday:invalid_weekday',
          'openingHours.0.closes:closes_before_opens',
          'openingHours.0.breaks.0.start:invalid_time',
        ]),
      );
    }
  });

  it('rejects a range that ends before it starts', () => {
    expect(() => slots({ from: '2027-03-02', to: '2027-03-01' })).toThrow(ValidationError);
  });
});
