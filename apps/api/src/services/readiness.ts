import type { Redis } from 'ioredis';
import type { Db } from '@termin/db';

/** Within this time a dependency must answer, or it counts as down. */
const CHECK_TIMEOUT_MS = 1_500;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS).unref())]);
}

export type Check = 'up' | 'down';

/** Whether PostgreSQL and Redis answer in time. */
export function createReadiness({ db, redis }: { db: Db; redis: Redis }) {
  return async (): Promise<{ database: Check; redis: Check }> => {
    const [database, cache] = await Promise.all([
      withTimeout(db.$queryRaw`SELECT 1`).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      withTimeout(redis.ping()).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
    ]);
    return { database, redis: cache };
  };
}
