/**
 * The machine's ceilings, which the other figures of the benchmark (`npm run bench`) are read
 * against: `pgbench -N` (a 3-statement PostgreSQL transaction), a bare Fastify route under wrk, and a
 * no-op BullMQ job (added and processed through this Redis).
 *
 *   pnpm --filter @termin/api bench:ceilings        (SECONDS=5 JOBS=20000 to change)
 *
 * Prints one `RESULT {json}` line last.
 */
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { bareFastify, pgbenchTps } from './calibrate';
import { redisUrl } from './support';
import { ensureWrk } from './wrk';

const SECONDS = Number(process.env.SECONDS ?? 5);
const JOBS = Number(process.env.JOBS ?? 20_000);

/** Jobs a second through BullMQ when the job does nothing: added in bulk while one worker (concurrency 50) takes them. */
async function noopJobsPerSecond(): Promise<number> {
  const prefix = `termin_bench_${randomBytes(3).toString('hex')}`;
  // BullMQ leaves connections it is given open; these two are closed at the end.
  const connections = [0, 1].map(() => new Redis(redisUrl, { maxRetriesPerRequest: null }));
  const queue = new Queue('noop', { connection: connections[0]!, prefix });
  let done = 0;
  let finished!: () => void;
  const allDone = new Promise<void>((resolve) => (finished = resolve));
  const worker = new Worker('noop', async () => {}, { connection: connections[1]!, prefix, concurrency: 50, autorun: false });
  worker.on('completed', () => {
    if (++done === JOBS) finished();
  });
  await worker.waitUntilReady();
  const started = performance.now();
  void worker.run();
  for (let i = 0; i < JOBS; i += 500) {
    await queue.addBulk(Array.from({ length: Math.min(500, JOBS - i) }, (_, j) => ({ name: 'noop', data: { n: i + j }, opts: { removeOnComplete: true } })));
  }
  await allDone;
  const seconds = (performance.now() - started) / 1000;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  for (const redis of connections) await redis.quit();
  return JOBS / seconds;
}

ensureWrk();
const pgbench = await pgbenchTps();
if (pgbench === undefined) console.log('pgbench is not installed (Debian: apt-get install postgresql-client); its ceiling is left out');
const bare = await bareFastify(SECONDS);
const jobs = await noopJobsPerSecond();
const round = (n: number) => Number(n.toFixed(1));
console.log(
  `pgbench -N ${pgbench === undefined ? 'missing' : `${pgbench.toFixed(0)} tps`}; bare Fastify route ${bare.rate.toFixed(0)} req/s ` +
    `(p50 ${bare.p50.toFixed(2)} ms, p99 ${bare.p99.toFixed(2)} ms); no-op BullMQ job ${jobs.toFixed(0)} jobs/s`,
);
console.log(
  `RESULT ${JSON.stringify({
    pgbenchTps: pgbench === undefined ? null : round(pgbench),
    bareRouteRps: round(bare.rate),
    bareRouteP50Ms: Number(bare.p50.toFixed(3)),
    bareRouteP99Ms: Number(bare.p99.toFixed(3)),
    noopJobsPerSecond: round(jobs),
  })}`,
);
