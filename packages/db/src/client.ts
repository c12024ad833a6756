import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client';

export interface DbOptions {
  databaseUrl: string;
  /** Pool size per process; booking bursts need more than pg's default of 10. */
  poolMax?: number;
}

const pools = new WeakMap<object, pg.Pool>();

// The one place a PrismaClient is made: always on the pg driver adapter (no native engine), over a
// pool this module owns so the hottest statements can share it (see `sqlPool`).
export function createPrismaClient({ databaseUrl, poolMax = 20 }: DbOptions) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolMax });
  // An idle connection the server ended (a restart) is dropped by the pool and replaced on demand;
  // unheard, its 'error' event would end the process. Prisma listens only once it has run a query,
  // and the statements straight on this pool (`sqlPool`) may come first.
  pool.on('error', () => undefined);
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(client, pool);
  return client;
}

export type Db = ReturnType<typeof createPrismaClient>;
/** The client handed into `$transaction(async (tx) => ...)` callbacks. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];
/** Code that works inside or outside a transaction takes either. */
export type DbOrTx = Db | Tx;

/**
 * The pg pool under a client, for the few statements on the booking path where Prisma's CPU per
 * query is most of a request's cost (measured in packages/booking/BENCHMARK.md). Everything else
 * goes through the client. The pool ends with `$disconnect()`.
 */
export function sqlPool(db: Db): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error('this client was not made by createPrismaClient');
  return pool;
}

/**
 * A statement with `$n` placeholders, for `sqlRows`. A named one is prepared once per connection
 * and may be planned once for all values (PostgreSQL's generic plan after five runs); leave the name
 * out where the values decide the plan.
 */
export interface SqlStatement {
  name?: string;
  text: string;
  values: unknown[];
}

/**
 * The rows of a read on the public hot path (free times, the rush-day switch) from either kind of
 * client: straight on the pool as a prepared statement when given the client itself (Prisma's raw
 * query took about four times the CPU of the pool's, measured in packages/booking/BENCHMARK.md),
 * through the transaction when given one, so it sees the transaction's own writes.
 */
export async function sqlRows<T>(db: DbOrTx, statement: SqlStatement): Promise<T[]> {
  const pool = pools.get(db);
  if (pool) return (await pool.query<T & pg.QueryResultRow>(statement)).rows;
  return db.$queryRawUnsafe<T[]>(statement.text, ...statement.values);
}
