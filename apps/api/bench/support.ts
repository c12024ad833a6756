/** What the benchmarks share: a throw-away database on the local server, API processes, percentiles. */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const adminUrl = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates an empty database named termin_bench_<time>_<random>; migrate it before use, drop it after. */
/**
 * The API as the HTTP benches run it: production mode on the bench's database and a Redis prefix of
 * its own. Every client comes from this one address, so the per-address limits are lifted.
 */
export function productionBenchEnv(databaseUrl: string, poolMax: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_MAX: poolMax,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `termin_bench_${randomBytes(3).toString('hex')}`,
    CONTACT_HASH_SECRET: randomBytes(32).toString('hex'),
    CITIZEN_BASE_URL: 'http://127.0.0.1:3000',
    // Production refuses the development sign-in's address; no request here signs in.
    OIDC_ISSUER: 'https://sign-in.example.org/realms/terminvergabe',
    RATE_LIMIT_MAX: '100000000',
    RATE_LIMIT_BOOKING_MAX: '100000000',
    BOOKING_BUDGET_PER_ADDRESS: '100000000',
    BOOKING_BUDGET_PER_NETWORK: '100000000',
  };
}

export async function createBenchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `termin_bench_${Date.now()}_${randomBytes(2).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await admin(`CREATE DATABASE "${name}"`);
  // As docker-compose.yml configures the production server.
  await admin(`ALTER DATABASE "${name}" SET wal_compression = 'lz4'`);
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface ApiProcess {
  /** The first process's URL. */
  url: string;
  /** Every process's URL. */
  urls: string[];
  /** `phase:start` / `phase:<name>` around a measured phase (see serve.ts), or `stop`. */
  send(message: string): void;
  stop(): Promise<void>;
}

/**
 * The API in processes of its own (bench/serve.ts: `processes` copies, each on a port of its own), built from
 * `env`, as production runs it; the load comes from the benchmark's process.
 */
export async function startApiProcess(env: Record<string, string>, processes: number): Promise<ApiProcess> {
  const child = fork(new URL('./serve.ts', import.meta.url), {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env, PROCESSES: String(processes) },
  });
  const urls = await new Promise<string[]>((resolve, reject) => {
    child.once('message', (m: { urls: string[] }) => resolve(m.urls));
    child.once('exit', (code) => reject(new Error(`the API process exited with ${code} before listening`)));
  });
  return {
    url: urls[0]!,
    urls,
    send: (message) => child.send(message),
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('stop');
      await exited;
    },
  };
}
