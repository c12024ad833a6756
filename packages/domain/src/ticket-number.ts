import { ValidationError } from './errors';

export interface TicketNumber {
  prefix: string;
  n: number;
}

const PREFIX = /^[A-Z]$/;
// At least three digits; longer only without leading zeros, so formatting a parsed number gives it back.
const TICKET = /^([A-Z])(\d{3}|[1-9]\d{3,})$/;

/** "A042": letter per service or queue, then a counter that restarts every local day. */
export function formatTicketNumber(prefix: string, n: number): string {
  if (!PREFIX.test(prefix)) throw new ValidationError([{ field: 'prefix', code: 'invalid_ticket_prefix' }]);
  if (!Number.isSafeInteger(n) || n < 0) throw new ValidationError([{ field: 'n', code: 'invalid_ticket_counter' }]);
  return `${prefix}${String(n).padStart(3, '0')}`;
}

/** Accepts lower case and surrounding or inner blanks ("a 042"); `null` if it is no ticket number. */
export function parseTicketNumber(input: string): TicketNumber | null {
  if (typeof input !== 'string') return null;
  const match = TICKET.exec(input.toUpperCase().replace(/\s+/g, ''));
  if (!match) return null;
  return { prefix: match[1]!, n: Number(match[2]) };
}
