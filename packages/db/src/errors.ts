import { Prisma } from './generated/prisma/client';

/** A unique constraint said no: through the query API (P2002) or raw SQL (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  return hasCode(error, 'P2002') || sqlState(error) === '23505';
}

/** A CHECK constraint said no (e.g. booked > capacity): SQLSTATE 23514. */
export function isCheckViolation(error: unknown): boolean {
  return sqlState(error) === '23514' || /check constraint/i.test(messageOf(error));
}

export function isNotFound(error: unknown): boolean {
  return hasCode(error, 'P2025');
}

function hasCode(error: unknown, code: string): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === code;
}

function sqlState(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as { code?: unknown; meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown } } }; cause?: unknown };
  // Prisma's own codes (P2002, P2010 for raw queries, ...) are also five characters: not SQLSTATEs.
  if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && !e.code.startsWith('P')) return e.code;
  const cause = e.meta?.driverAdapterError?.cause;
  if (cause && typeof cause.originalCode === 'string') return cause.originalCode;
  if (typeof e.meta?.code === 'string') return e.meta.code;
  if (e.cause) return sqlState(e.cause);
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : '';
}
