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

/**
 * The SQLSTATE of a database error, wherever the driver adapter put it (the error itself, Prisma's
 * `meta`, or a `cause`). Prisma's own codes (P1000…P6999) are five characters too but are not
 * SQLSTATEs; PL/pgSQL's class P0 (P0001 raise_exception, …) is.
 */
export function sqlState(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== 'object' || depth > 4) return undefined;
  const e = error as { code?: unknown; meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown } } }; cause?: unknown };
  if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && !isPrismaCode(e.code)) return e.code;
  const original = e.meta?.driverAdapterError?.cause?.originalCode;
  if (typeof original === 'string') return original;
  if (typeof e.meta?.code === 'string') return e.meta.code;
  return sqlState(e.cause, depth + 1);
}

function isPrismaCode(code: string): boolean {
  return /^P[1-9][0-9]{3}$/.test(code);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : '';
}

// Prisma: P1001 unreachable, P1008 timed out, P1017 connection closed, P2024 pool timeout, P2028
// transaction could not start or expired. SQLSTATE: serialization failure, deadlock, too many
// connections, admin shutdown, cannot connect now, and class 08 (connection exceptions).
const transientPrismaCodes = new Set(['P1001', 'P1008', 'P1017', 'P2024', 'P2028']);
const transientSqlStates = new Set(['40001', '40P01', '53300', '57P01', '57P02', '57P03']);

// The socket under the driver: refused while the server restarts, reset or closed when it stops.
const transientSocketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'EAI_AGAIN']);
const droppedConnection = /Connection terminated|connection (is )?closed|Client has encountered a connection error/i;

/** The database could not do it now (overloaded, restarting, a lost race to retry): worth trying again. */
export function isTransientDatabaseError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  if (error instanceof Prisma.PrismaClientKnownRequestError && transientPrismaCodes.has(error.code)) return true;
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  const state = sqlState(error);
  if (state !== undefined && (transientSqlStates.has(state) || state.startsWith('08'))) return true;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === 'string' && transientSocketCodes.has(code)) return true;
  if (droppedConnection.test(messageOf(error))) return true;
  return isTransientDatabaseError(cause, depth + 1);
}
