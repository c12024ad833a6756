import { describe, expect, it } from 'vitest';
import { estimateWaitMinutes, orderQueue, pickNext, ValidationError, type QueueEntry } from '../src';

const now = new Date('2027-03-02T09:00:00Z');
const min = (m: number) => new Date(now.getTime() + m * 60_000);
const walkIn = (id: string, checkedIn: number, serviceId = 'passport'): QueueEntry => ({
  id,
  kind: 'WALK_IN',
  checkedInAt: min(checkedIn),
  serviceId,
});
const appointment = (id: string, checkedIn: number, startsIn: number, serviceId = 'passport'): QueueEntry => ({
  id,
  kind: 'APPOINTMENT',
  checkedInAt: min(checkedIn),
  appointmentStartsAt: min(startsIn),
  serviceId,
});
const opts = { dueWindowMinutes: 5 };

describe('pickNext', () => {
  it('calls a due appointment before walk-ins who came earlier', () => {
    const entries = [walkIn('w1', -30), walkIn('w2', -20), appointment('a1', -2, 3)];
    expect(pickNext(entries, now, opts)?.id).toBe('a1');
  });

  it('serves walk-ins first come, first served', () => {
    expect(pickNext([walkIn('late', -5), walkIn('early', -25), walkIn('mid', -15)], now, opts)?.id).toBe('early');
  });

  it('lets an appointment that is not due yet wait in line with the walk-ins', () => {
    const entries = [appointment('early-bird', -40, 60), walkIn('w1', -30)];
    expect(orderQueue(entries, now, opts).map((e) => e.id)).toEqual(['early-bird', 'w1']);
    const later = [walkIn('w1', -30), appointment('early-bird', -10, 60)];
    expect(orderQueue(later, now, opts).map((e) => e.id)).toEqual(['w1', 'early-bird']);
  });

  it('orders due appointments by their booked time', () => {
    const entries = [appointment('for-0905', -30, 5), appointment('for-0850', -1, -10)];
    expect(orderQueue(entries, now, opts).map((e) => e.id)).toEqual(['for-0850', 'for-0905']);
  });

  it('counts an appointment as due exactly at the edge of the window', () => {
    expect(pickNext([walkIn('w', -30), appointment('edge', -1, 5)], now, opts)?.id).toBe('edge');
    expect(pickNext([walkIn('w', -30), appointment('outside', -1, 6)], now, opts)?.id).toBe('w');
  });

  it('only offers entries for services the counter handles', () => {
    const entries = [walkIn('passport', -30, 'passport'), walkIn('car', -40, 'car-registration')];
    expect(pickNext(entries, now, { ...opts, serviceIds: ['passport'] })?.id).toBe('passport');
    expect(pickNext(entries, now, { ...opts, serviceIds: ['residence'] })).toBeNull();
    expect(pickNext(entries, now, opts)?.id).toBe('car');
  });

  it('returns null for an empty queue and gives every counter the same order on ties', () => {
    expect(pickNext([], now, opts)).toBeNull();
    const tie = [walkIn('b', -10), walkIn('a', -10)];
    expect(orderQueue(tie, now, opts).map((e) => e.id)).toEqual(['a', 'b']);
    expect(orderQueue([...tie].reverse(), now, opts).map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('does not reorder the caller’s array', () => {
    const entries = [walkIn('late', -5), walkIn('early', -25)];
    orderQueue(entries, now, opts);
    expect(entries.map((e) => e.id)).toEqual(['late', 'early']);
  });
});

describe('estimateWaitMinutes', () => {
  it('is zero for the next in line and grows with the people ahead', () => {
    expect(estimateWaitMinutes(1, 10, 1)).toBe(0);
    expect(estimateWaitMinutes(2, 10, 1)).toBe(10);
    expect(estimateWaitMinutes(5, 10, 1)).toBe(40);
  });

  it('shrinks with more open counters and rounds up', () => {
    expect(estimateWaitMinutes(5, 10, 2)).toBe(20);
    expect(estimateWaitMinutes(4, 10, 2)).toBe(15);
    expect(estimateWaitMinutes(3, 7, 3)).toBe(5);
  });

  it('gives no estimate while no counter is open', () => {
    expect(estimateWaitMinutes(3, 10, 0)).toBeNull();
  });

  it('rejects nonsense input', () => {
    expect(() => estimateWaitMinutes(0, 10, 1)).toThrow(ValidationError);
    expect(() => estimateWaitMinutes(1, -1, 1)).toThrow(ValidationError);
    expect(() => estimateWaitMinutes(1, 10, 1.5)).toThrow(ValidationError);
  });
});
