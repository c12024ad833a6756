import { describe, expect, it } from 'vitest';
import { ConflictError, DomainError, ForbiddenError, GoneError, NotFoundError, ValidationError } from '../src';

describe('domain errors', () => {
  it('carry a code, a status hint and i18n params', () => {
    const cases = [
      [new NotFoundError('location.not_found', { slug: 'mitte' }), 'not_found'],
      [new ConflictError('slot.full'), 'conflict'],
      [new ForbiddenError('staff.wrong_location'), 'forbidden'],
      [new GoneError('booking.link_expired'), 'gone'],
    ] as const;
    for (const [error, status] of cases) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toBeInstanceOf(Error);
      expect(error.status).toBe(status);
      expect(error.name).toBe(error.constructor.name);
    }
    expect(cases[0][0].params).toEqual({ slug: 'mitte' });
    expect(cases[0][0].code).toBe('location.not_found');
    expect(new ConflictError().code).toBe('conflict');
  });

  it('list the offending fields of a validation error', () => {
    const error = new ValidationError([
      { field: 'email', code: 'invalid_email' },
      { field: 'slotId', code: 'required' },
    ]);
    expect(error.status).toBe('invalid');
    expect(error.code).toBe('validation_failed');
    expect(error.fieldErrors.map((e) => e.field)).toEqual(['email', 'slotId']);
    expect(error.message).toContain('email (invalid_email)');
  });
});
