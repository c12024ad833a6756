import { describe, expect, it } from 'vitest';
import { formatTicketNumber, parseTicketNumber, ValidationError } from '../src';

describe('formatTicketNumber', () => {
  it('pads to three digits and grows beyond 999', () => {
    expect(formatTicketNumber('A', 42)).toBe('A042');
    expect(formatTicketNumber('B', 7)).toBe('B007');
    expect(formatTicketNumber('Z', 999)).toBe('Z999');
    expect(formatTicketNumber('A', 1000)).toBe('A1000');
  });

  it('rejects prefixes that are not one capital letter and counters that are not whole numbers', () => {
    for (const prefix of ['a', 'AB', '1', '', 'Ä']) {
      expect(() => formatTicketNumber(prefix, 1), prefix).toThrow(ValidationError);
    }
    expect(() => formatTicketNumber('A', -1)).toThrow(ValidationError);
    expect(() => formatTicketNumber('A', 1.5)).toThrow(ValidationError);
  });
});

describe('parseTicketNumber', () => {
  it('reads what formatTicketNumber writes', () => {
    for (const n of [0, 1, 42, 999, 1000, 12345]) {
      expect(parseTicketNumber(formatTicketNumber('C', n))).toEqual({ prefix: 'C', n });
    }
  });

  it('accepts lower case and blanks', () => {
    expect(parseTicketNumber(' a 042 ')).toEqual({ prefix: 'A', n: 42 });
  });

  it('rejects anything else', () => {
    for (const input of ['A42', 'A0042', '42', 'AA042', 'A-042', '']) {
      expect(parseTicketNumber(input), input).toBeNull();
    }
  });
});
