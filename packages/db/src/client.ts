import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';

export interface DbOptions {
  databaseUrl: string;
  /** Pool size per process; booking bursts need more than pg's default of 10. */
  poolMax?: number;
}

// The one place a PrismaClient is made: always on the pg driver adapter (no native engine).
export function createPrismaClient({ databaseUrl, poolMax = 20 }: DbOptions) {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolMax });
  return new PrismaClient({ adapter });
}

export type Db = ReturnType<typeof createPrismaClient>;
/** The client handed into `$transaction(async (tx) => ...)` callbacks. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];
/** Code that works inside or outside a transaction takes either. */
export type DbOrTx = Db | Tx;
