import { describe, expect, it } from 'vitest';
import {
  APPOINTMENT_STATUSES,
  assertTransition,
  canTransition,
  ConflictError,
  DomainError,
  InvalidTransitionError,
  isFinalStatus,
  statusesLeadingTo,
  type AppointmentStatus,
} from '../src';

const allowed: [AppointmentStatus, AppointmentStatus][] = [
  ['PENDING', 'CONFIRMED'],
  ['PENDING', 'CANCELLED'],
  ['CONFIRMED', 'CHECKED_IN'],
  ['CONFIRMED', 'NOSHOW'],
  ['CONFIRMED', 'CANCELLED'],
  ['CHECKED_IN', 'DONE'],
  ['CHECKED_IN', 'NOSHOW'],
  ['CHECKED_IN', 'CANCELLED'],
  ['NOSHOW', 'CHECKED_IN'],
];

describe('appointment state machine', () => {
  it('allows exactly the listed transitions', () => {
    for (const from of APPOINTMENT_STATUSES) {
      for (const to of APPOINTMENT_STATUSES) {
        const expected = allowed.some(([f, t]) => f === from && t === to);
        expect(canTransition(from, to), `${from} -> ${to}`).toBe(expected);
      }
    }
  });

  it('cannot check in an unconfirmed booking or reopen a finished one', () => {
    expect(canTransition('PENDING', 'CHECKED_IN')).toBe(false);
    expect(canTransition('DONE', 'CHECKED_IN')).toBe(false);
    expect(canTransition('CANCELLED', 'CONFIRMED')).toBe(false);
  });

  it('treats DONE and CANCELLED as final, NOSHOW not (a late arrival can be checked in)', () => {
    expect(APPOINTMENT_STATUSES.filter(isFinalStatus)).toEqual(['DONE', 'CANCELLED']);
  });

  it('throws a conflict with a code and the statuses for an invalid transition', () => {
    expect(() => assertTransition('CONFIRMED', 'CHECKED_IN')).not.toThrow();
    try {
      assertTransition('CANCELLED', 'CONFIRMED');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidTransitionError);
      expect(error).toBeInstanceOf(ConflictError);
      expect(error).toBeInstanceOf(DomainError);
      const e = error as InvalidTransitionError;
      expect(e.code).toBe('appointment.invalid_transition');
      expect(e.status).toBe('conflict');
      expect(e.params).toEqual({ from: 'CANCELLED', to: 'CONFIRMED' });
      expect(e.name).toBe('InvalidTransitionError');
    }
  });

  it('rejects unknown statuses coming from outside', () => {
    expect(() => assertTransition('PENDING', 'ARCHIVED' as AppointmentStatus)).toThrow(InvalidTransitionError);
  });
});

describe('from-states of a conditional update', () => {
  it('are the statuses the table lets into the target', () => {
    expect(statusesLeadingTo('CONFIRMED')).toEqual(['PENDING']);
    expect(statusesLeadingTo('CHECKED_IN')).toEqual(['CONFIRMED', 'NOSHOW']);
    expect(statusesLeadingTo('CANCELLED')).toEqual(['PENDING', 'CONFIRMED', 'CHECKED_IN']);
    expect(statusesLeadingTo('PENDING')).toEqual([]);
  });

  it("name a refusal in the caller's words when asked to", () => {
    expect(new InvalidTransitionError('DONE', 'CANCELLED', 'booking_not_cancellable')).toMatchObject({
      code: 'booking_not_cancellable',
      status: 'conflict',
      params: { from: 'DONE', to: 'CANCELLED' },
    });
  });
});
