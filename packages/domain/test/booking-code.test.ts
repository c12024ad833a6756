import { describe, expect, it } from 'vitest';
import { CROCKFORD_ALPHABET, generateBookingCode, isCanonicalBookingCode, isValidBookingCode, normaliseBookingCode } from '../src';

/** Pearson's chi-square of symbol counts against a uniform distribution over the alphabet. */
function chiSquare(symbols: string[]): number {
  const counts = new Map<string, number>([...CROCKFORD_ALPHABET].map((c) => [c, 0]));
  for (const s of symbols) counts.set(s, (counts.get(s) ?? 0) + 1);
  const expected = symbols.length / CROCKFORD_ALPHABET.length;
  return [...counts.values()].reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
}

// 31 degrees of freedom: P(chi² > 80) ≈ 4·10⁻⁶ for a uniform source.
const CHI_SQUARE_BOUND = 80;

const toBigInt = (code: string) => [...code.replaceAll('-', '')].reduce((n, c) => n * 32n + BigInt(CROCKFORD_ALPHABET.indexOf(c)), 0n);

describe('generateBookingCode', () => {
  const codes = Array.from({ length: 10_000 }, generateBookingCode);

  it('gives 16 Crockford symbols in four groups, easy to read aloud', () => {
    for (const code of codes) {
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(isValidBookingCode(code)).toBe(true);
      expect(isCanonicalBookingCode(code)).toBe(true);
      expect(normaliseBookingCode(code)).toBe(code);
    }
  });

  it('never repeats a code in 10,000', () => {
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('uses every symbol about equally often, overall and in each position', () => {
    const chars = codes.flatMap((c) => [...c.replaceAll('-', '')]);
    expect(chiSquare(chars)).toBeLessThan(CHI_SQUARE_BOUND);
    for (let position = 0; position < 16; position++) {
      const column = codes.map((c) => c.replaceAll('-', '')[position]!);
      expect(chiSquare(column), `position ${position}`).toBeLessThan(CHI_SQUARE_BOUND);
    }
  });

  it('would catch a counter-based generator with the same uniformity check', () => {
    const sequential = Array.from({ length: 10_000 }, (_, i) => i.toString(32).padStart(16, '0'));
    const leadingSymbols = sequential.map((c) => c[12]!);
    expect(chiSquare(leadingSymbols)).toBeGreaterThan(CHI_SQUARE_BOUND);
  });

  it('gives consecutive codes that share no prefix and are far apart', () => {
    const pairs = codes.slice(1).map((code, i) => [codes[i]!, code] as const);
    const samePrefix = pairs.filter(([a, b]) => a.slice(0, 4) === b.slice(0, 4)).length;
    // Chance of a shared 4-symbol prefix is 1 in about a million per pair.
    expect(samePrefix).toBeLessThanOrEqual(1);
    // A counter or a clock would put consecutive codes within a few steps of each other. Two random
    // 80-bit codes come within 2^40 of each other once in about 2^39 pairs; the bound of 2^60 this
    // used before was met by chance once in about fifty runs of these 9,999 pairs.
    const close = pairs.filter(([a, b]) => {
      const diff = toBigInt(a) - toBigInt(b);
      return (diff < 0n ? -diff : diff) < 1n << 40n;
    }).length;
    expect(close).toBe(0);
  });
});

describe('normaliseBookingCode', () => {
  it('accepts lower case, blanks and missing dashes', () => {
    expect(normaliseBookingCode('7k3m q9xa t2bc 0pre')).toBe('7K3M-Q9XA-T2BC-0PRE');
    expect(normaliseBookingCode('7K3MQ9XAT2BC0PRE')).toBe('7K3M-Q9XA-T2BC-0PRE');
    expect(normaliseBookingCode('  7K3M-Q9XA-T2BC-0PRE ')).toBe('7K3M-Q9XA-T2BC-0PRE');
  });

  it('reads O as zero and I or L as one, like Crockford intends', () => {
    expect(normaliseBookingCode('OOOO-IIII-LLLL-oili')).toBe('0000-1111-1111-0111');
  });

  it('rejects wrong lengths and symbols outside the alphabet', () => {
    expect(normaliseBookingCode('7K3M-Q9XA-T2BC')).toBeNull();
    expect(normaliseBookingCode('7K3M-Q9XA-T2BC-0PREX')).toBeNull();
    expect(normaliseBookingCode('UUUU-Q9XA-T2BC-0PRE')).toBeNull();
    expect(normaliseBookingCode('7K3M-Q9XA-T2BC-0PR!')).toBeNull();
    expect(isValidBookingCode('')).toBe(false);
  });

  it('tells the stored form from other spellings', () => {
    expect(isValidBookingCode('7k3mq9xat2bc0pre')).toBe(true);
    expect(isCanonicalBookingCode('7k3mq9xat2bc0pre')).toBe(false);
  });
});
