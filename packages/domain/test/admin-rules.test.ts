import { describe, expect, it } from 'vitest';
import { dateRangeErrors, openingHoursRows, openingScheduleErrors, openingSchedulesOf, slotLengthErrors, timeZoneErrors } from '../src/admin-rules';

const mornings = [
  { weekday: 1, opens: '08:00', closes: '12:00' },
  { weekday: 1, opens: '13:00', closes: '16:00' },
];

describe('opening schedules', () => {
  it('accepts breaks between intervals and intervals that touch', () => {
    expect(openingScheduleErrors([{ validFrom: null, intervals: [...mornings, { weekday: 1, opens: '16:00', closes: '18:00' }] }])).toEqual([]);
  });

  it('reports every problem under its field: end before start, overlap, a second schedule from the same day', () => {
    const errors = openingScheduleErrors([
      { validFrom: null, intervals: [{ weekday: 2, opens: '10:00', closes: '09:00' }] },
      {
        validFrom: '2027-06-01',
        intervals: [
          { weekday: 3, opens: '08:00', closes: '12:00' },
          { weekday: 3, opens: '11:30', closes: '14:00' },
        ],
      },
      { validFrom: '2027-06-01', intervals: [] },
      { validFrom: '2027-02-30', intervals: [] },
    ]);
    expect(errors).toEqual([
      { field: 'schedules.0.intervals.0.closes', code: 'end_before_start' },
      { field: 'schedules.1.intervals.1', code: 'intervals_overlap', params: { other: 1 } },
      { field: 'schedules.2.validFrom', code: 'duplicate_valid_from' },
      { field: 'schedules.3.validFrom', code: 'invalid_date' },
    ]);
  });

  it('stores each schedule until the day before the next one starts, and reads them back as entered', () => {
    const summer = { validFrom: '2027-06-01', intervals: [{ weekday: 1, opens: '07:00', closes: '13:00' }] };
    const rows = openingHoursRows([summer, { validFrom: null, intervals: mornings }]);
    expect(rows).toEqual([
      { ...mornings[0], validFrom: null, validUntil: '2027-05-31' },
      { ...mornings[1], validFrom: null, validUntil: '2027-05-31' },
      { ...summer.intervals[0], validFrom: '2027-06-01', validUntil: null },
    ]);
    expect(openingSchedulesOf(rows)).toEqual([{ validFrom: null, intervals: mornings }, summer]);
  });
});

describe('location and service checks', () => {
  it('knows IANA time zones', () => {
    expect(timeZoneErrors('Europe/Berlin')).toEqual([]);
    expect(timeZoneErrors('Europe/Gotham')).toEqual([{ field: 'timezone', code: 'invalid_timezone' }]);
  });

  it('wants the slot length to divide every service duration', () => {
    expect(
      slotLengthErrors(
        15,
        [
          { id: 'a', durationMinutes: 30 },
          { id: 'b', durationMinutes: 15 },
        ],
        'slotMinutes',
      ),
    ).toEqual([]);
    expect(slotLengthErrors(20, [{ id: 'a', durationMinutes: 30 }], 'slotMinutes')).toEqual([
      { field: 'slotMinutes', code: 'slot_length_not_dividing', params: { slotMinutes: 20, durationMinutes: 30 } },
    ]);
  });

  it('wants a range to end on or after its start', () => {
    expect(dateRangeErrors('2027-05-10', '2027-05-10', 'endDate')).toEqual([]);
    expect(dateRangeErrors('2027-05-10', '2027-05-09', 'endDate')).toEqual([{ field: 'endDate', code: 'end_before_start' }]);
    expect(dateRangeErrors('2027-13-01', null, 'endDate')).toEqual([{ field: 'date', code: 'invalid_date' }]);
  });
});
