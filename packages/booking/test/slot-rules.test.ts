import { describe, expect, it } from 'vitest';
import { slotsFromRules, type SlotRules } from '../src/slots-service';

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const rules = (extra: Partial<SlotRules> = {}): SlotRules => ({
  timezone: 'Europe/Berlin',
  slotMinutes: 30,
  active: true,
  counters: 2,
  holidayState: 'BE',
  openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '10:00', validFrom: null, validUntil: null })),
  closures: [],
  localHolidays: [],
  ...extra,
});
const days = (slots: { localDate: string }[]) => [...new Set(slots.map((s) => s.localDate))];

describe('slots from stored rules', () => {
  // 2027-05-03 is a Monday; 2027-05-06 is Ascension Day (a public holiday in Berlin).
  it('leaves out every day of a closed range, local holidays and public holidays', () => {
    const slots = slotsFromRules(
      rules({ closures: [{ date: d('2027-05-04'), endDate: d('2027-05-05'), opens: null, closes: null }], localHolidays: [d('2027-05-07')] }),
      '2027-05-03',
      '2027-05-10',
    );
    expect(days(slots)).toEqual(['2027-05-03', '2027-05-10']);
    expect(slots.filter((s) => s.localDate === '2027-05-03').map((s) => [s.localTime, s.capacity])).toEqual([
      ['08:00', 2],
      ['08:30', 2],
      ['09:00', 2],
      ['09:30', 2],
    ]);
  });

  it('clips a closed range that starts before the generated dates', () => {
    const slots = slotsFromRules(rules({ closures: [{ date: d('2027-04-01'), endDate: d('2027-05-04'), opens: null, closes: null }] }), '2027-05-03', '2027-05-05');
    expect(days(slots)).toEqual(['2027-05-05']);
  });

  it('makes nothing for an inactive location', () => {
    expect(slotsFromRules(rules({ active: false }), '2027-05-03', '2027-05-05')).toEqual([]);
  });
});
