import { randomBytes } from 'node:crypto';

/**
 * Crockford's base32: digits and upper-case letters without I, L, O and U, so a code read out on
 * the phone cannot be mistaken for 1 or 0 and cannot spell common words.
 */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const BOOKING_CODE_LENGTH = 16;
const GROUP = 4;
const CANONICAL = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

function group(chars: string): string {
  return chars.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');
}

/** Encodes 10 bytes as 16 symbols of 5 bits each. */
function encode(bytes: Uint8Array): string {
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = BOOKING_CODE_LENGTH - 1; i >= 0; i--) {
    out += CROCKFORD_ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  }
  return out;
}

/** 80 random bits, e.g. "7K3M-Q9XA-T2BC-0PRE": unguessable, and short enough to read aloud. */
export function generateBookingCode(): string {
  return group(encode(randomBytes(10)));
}

/**
 * Canonical form of a code as a citizen might type it ("7k3m q9xa-t2bc 0pre", "O" for zero, "I" or
 * "L" for one), or `null` when it cannot be a booking code.
 */
export function normaliseBookingCode(input: string): string | null {
  if (typeof input !== 'string') return null;
  const chars = input
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (chars.length !== BOOKING_CODE_LENGTH) return null;
  for (const c of chars) if (!CROCKFORD_ALPHABET.includes(c)) return null;
  return group(chars);
}

/** True for any spelling `normaliseBookingCode` accepts. */
export function isValidBookingCode(input: string): boolean {
  return normaliseBookingCode(input) !== null;
}

/** True only for the canonical form stored in the database. */
export function isCanonicalBookingCode(input: string): boolean {
  return typeof input === 'string' && CANONICAL.test(input);
}
