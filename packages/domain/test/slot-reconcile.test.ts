import { describe, expect, it } from 'vitest';
import { reconcileSlots, type ExistingSlot, type WantedSlot } from '../src';

const at = (hhmm: string) => new Date(`2027-03-02T${hhmm}:00.000Z`);
const wanted = (start: string, end: string, capacity = 2): WantedSlot => ({ startsAt: at(start), endsAt: at(end), capacity });
const stored = (id: string, start: string, end: string, capacity: number, booked: number): ExistingSlot => ({
  id,
  startsAt: at(start),
  endsAt: at(end),
  capacity,
  booked,
});

describe('reconcileSlots', () => {
  it('creates every slot when nothing is stored yet', () => {
    const result = reconcileSlots([], [wanted('08:30', '09:00'), wanted('08:00', '08:30')]);
    expect(result.create.map((s) => s.startsAt.toISOString())).toEqual(['2027-03-02T08:00:00.000Z', '2027-03-02T08:30:00.000Z']);
    expect(result).toMatchObject({ update: [], remove: [], orphaned: [] });
  });

  it('changes nothing when the rules produce the stored slots again', () => {
    const result = reconcileSlots([stored('a', '08:00', '08:30', 2, 1), stored('b', '08:30', '09:00', 2, 0)], [wanted('08:00', '08:30'), wanted('08:30', '09:00')]);
    expect(result).toEqual({ create: [], update: [], remove: [], orphaned: [] });
  });

  it('removes slots the rules dropped when nobody booked them', () => {
    const result = reconcileSlots([stored('a', '08:00', '08:30', 2, 0)], []);
    expect(result.remove).toEqual(['a']);
    expect(result.orphaned).toEqual([]);
  });

  it('keeps a dropped slot that has bookings, closes it for new ones and reports it', () => {
    const result = reconcileSlots([stored('a', '08:00', '08:30', 3, 2)], []);
    expect(result.remove).toEqual([]);
    expect(result.update).toEqual([{ id: 'a', capacity: 2 }]);
    expect(result.orphaned).toEqual([{ id: 'a', startsAt: at('08:00'), endsAt: at('08:30'), booked: 2 }]);
  });

  it('raises and lowers capacity, but never below the bookings already made', () => {
    const result = reconcileSlots(
      [stored('up', '08:00', '08:30', 1, 1), stored('down', '08:30', '09:00', 3, 0), stored('full', '09:00', '09:30', 3, 3)],
      [wanted('08:00', '08:30', 2), wanted('08:30', '09:00', 1), wanted('09:00', '09:30', 1)],
    );
    // 'full' keeps its 3: all three seats are booked.
    expect(result.update).toEqual([
      { id: 'up', capacity: 2 },
      { id: 'down', capacity: 1 },
    ]);
    expect(result.remove).toEqual([]);
    expect(result.create).toEqual([]);
  });

  it('lowers an over-booked slot only to its bookings', () => {
    const result = reconcileSlots([stored('a', '08:00', '08:30', 4, 3)], [wanted('08:00', '08:30', 1)]);
    expect(result.update).toEqual([{ id: 'a', capacity: 3 }]);
  });

  it('does not offer counters twice when a kept booking overlaps a slot of the new grid', () => {
    // Grid changes from 30 to 20 minutes with 2 counters; one booking sits at 08:30–09:00.
    const result = reconcileSlots(
      [stored('old', '08:30', '09:00', 2, 1), stored('free', '08:00', '08:30', 2, 0)],
      [wanted('08:00', '08:20'), wanted('08:20', '08:40'), wanted('08:40', '09:00'), wanted('09:00', '09:20')],
    );
    expect(result.remove).toEqual(['free']);
    expect(result.orphaned.map((o) => o.id)).toEqual(['old']);
    expect(result.update).toEqual([{ id: 'old', capacity: 1 }]);
    expect(result.create.map((s) => [s.startsAt.toISOString().slice(11, 16), s.capacity])).toEqual([
      ['08:00', 2],
      ['08:20', 1],
      ['08:40', 1],
      ['09:00', 2],
    ]);
  });

  it('does not create a new slot whose counters are all taken by kept bookings', () => {
    const result = reconcileSlots([stored('old', '08:30', '09:00', 2, 2)], [wanted('08:40', '09:00', 2)]);
    expect(result.create).toEqual([]);
  });

  it('counts a slot generated twice only once, with the larger capacity', () => {
    const result = reconcileSlots([], [wanted('08:00', '08:30', 1), wanted('08:00', '08:30', 3)]);
    expect(result.create).toEqual([wanted('08:00', '08:30', 3)]);
  });

  it('matches a stored duplicate only once and cleans up the rest', () => {
    const result = reconcileSlots([stored('a', '08:00', '08:30', 2, 1), stored('dup', '08:00', '08:30', 2, 0)], [wanted('08:00', '08:30')]);
    expect(result.create).toEqual([]);
    expect(result.remove).toEqual(['dup']);
  });

  it('accepts numeric ids', () => {
    const result = reconcileSlots([{ id: 7, startsAt: at('08:00'), endsAt: at('08:30'), capacity: 1, booked: 0 }], []);
    expect(result.remove).toEqual([7]);
  });
});
