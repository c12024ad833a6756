/**
 * `npm run bench`: the whole system's benchmark in one command. Finds or starts PostgreSQL and Redis
 * (as the test command does), makes sure pgbench and wrk are there, runs the scenarios below one after
 * another, each as a process of its own that prints a last `RESULT {json}` line, and writes
 * bench/RESULTS.md: the machine, the date, every figure with its ratio to the ceiling measured in the
 * same run, and each target met or not met. Targets are printed, never asserted.
 *
 * BENCH_ONLY=rush,websocket runs some of the scenarios; BENCH_DATABASE_ADMIN_URL (or DATABASE_URL)
 * and REDIS_URL point at servers of your own.
 */
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { canConnectPostgres, canConnectRedis, given, portIsFree, startEmbeddedPostgres, startLocalRedis, type Service } from '../scripts/lib/services';
import { renderResults, type ScenarioRun } from './results';

const root = path.resolve(import.meta.dirname, '..');

interface Scenario {
  name: ScenarioRun['name'];
  /** The package whose script runs it, and the script. */
  cwd: string;
  script: string;
  env?: Record<string, string>;
  timeoutMs: number;
}

/** Run in this order; the ceilings come first, so that the others are read against the same machine state. */
const scenarios: Scenario[] = [
  { name: 'ceilings', cwd: 'apps/api', script: 'bench:ceilings', timeoutMs: 3 * 60_000 },
  { name: 'rush', cwd: 'apps/api', script: 'bench:rush', env: { PLACES: '7700', CLIENTS: '1000', THINK_MS: '0' }, timeoutMs: 5 * 60_000 },
  // The same rush with clients that pause after each answer, as people choosing a time do.
  { name: 'rush-paced', cwd: 'apps/api', script: 'bench:rush', env: { PLACES: '7700', CLIENTS: '1000', THINK_MS: '1000-2500' }, timeoutMs: 5 * 60_000 },
  { name: 'websocket', cwd: 'apps/api', script: 'bench:checkin', env: { SOCKETS: '1000' }, timeoutMs: 5 * 60_000 },
  // The worker's own end-to-end scenario: bookings → confirmation e-mail accepted by an SMTP server on
  // loopback, for the release the target speaks of (7,700 bookings, confirmed within 20 s);
  // BENCH_BOOKINGS from the environment sets another number.
  { name: 'notifications', cwd: 'apps/worker', script: 'bench', env: { BENCH_BOOKINGS: process.env.BENCH_BOOKINGS ?? '7700' }, timeoutMs: 5 * 60_000 },
];

async function postgres(): Promise<Service> {
  const fromEnv = process.env.BENCH_DATABASE_ADMIN_URL ?? process.env.DATABASE_URL;
  if (fromEnv) return given(fromEnv, 'PostgreSQL');
  const local = 'postgresql://postgres@127.0.0.1:5432/postgres';
  if (await canConnectPostgres(local)) return given(local, 'local PostgreSQL');
  let port = 54340;
  while (!(await portIsFree(port))) port++;
  return startEmbeddedPostgres(path.join(root, '.data', 'bench-postgres'), port);
}

async function redis(): Promise<Service> {
  if (process.env.REDIS_URL) return given(process.env.REDIS_URL, 'Redis');
  const local = 'redis://127.0.0.1:6379';
  if (await canConnectRedis(local)) return given(local, 'local Redis');
  let port = 63801;
  while (!(await portIsFree(port))) port++;
  return startLocalRedis(port);
}

const installed = (binary: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** pgbench and wrk come from Debian's packages: installed here when this runs as root, else named. */
function ensureTools(): string[] {
  const missing: string[] = [];
  for (const [binary, pkg] of [
    ['pgbench', 'postgresql-client'],
    ['wrk', 'wrk'],
  ] as const) {
    if (installed(binary)) continue;
    if (process.getuid?.() === 0) {
      console.log(`Installing ${pkg} for ${binary} …`);
      execFileSync('apt-get', ['install', '-y', '-q', pkg], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    }
    if (!installed(binary)) missing.push(`${binary} (Debian/Ubuntu: sudo apt-get install -y ${pkg})`);
  }
  return missing;
}

const loadAverage = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');

/** Runs one scenario, passing its output through, and keeps its last RESULT line. */
function run(scenario: Scenario, env: NodeJS.ProcessEnv): Promise<ScenarioRun> {
  const started = Date.now();
  const loadBefore = loadAverage();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', scenario.script], {
      cwd: path.join(root, scenario.cwd),
      env: { ...env, ...scenario.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a scenario that runs over its time is stopped with all it started.
      detached: true,
    });
    let result: Record<string, unknown> | undefined;
    let problem: string | undefined;
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        console.log(`[${scenario.name}] ${line}`);
        if (!line.startsWith('RESULT ')) continue;
        try {
          result = JSON.parse(line.slice('RESULT '.length)) as Record<string, unknown>;
        } catch {
          problem = 'its RESULT line was not JSON';
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(`[${scenario.name}] ${chunk.toString()}`));
    const timer = setTimeout(() => {
      problem = `stopped after ${scenario.timeoutMs / 60_000} minutes`;
      process.kill(-child.pid!, 'SIGKILL');
    }, scenario.timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (pending.startsWith('RESULT ')) {
        try {
          result = JSON.parse(pending.slice('RESULT '.length)) as Record<string, unknown>;
        } catch {
          problem = 'its RESULT line was not JSON';
        }
      }
      if (!result && !problem) problem = code === 0 ? 'it printed no RESULT line' : `it exited with ${code} before printing a RESULT line`;
      resolve({
        name: scenario.name,
        command: `${scenario.cwd}: npm run ${scenario.script}`,
        result,
        problem,
        seconds: (Date.now() - started) / 1000,
        loadBefore,
        loadAfter: loadAverage(),
      });
    });
  });
}

const only = process.env.BENCH_ONLY?.split(',');
const missingTools = ensureTools();
const pg = await postgres();
const rd = await redis();
console.log(`Benchmark on ${pg.description} and ${rd.description}; load average ${loadAverage()}`);
const env = {
  ...process.env,
  BENCH_DATABASE_ADMIN_URL: pg.url,
  TEST_DATABASE_ADMIN_URL: pg.url,
  REDIS_URL: rd.url,
  TEST_REDIS_URL: rd.url,
};
const startedAt = new Date();
const machine = {
  cores: availableParallelism(),
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  loadAtStart: loadAverage(),
};
const runs: ScenarioRun[] = [];
try {
  for (const scenario of scenarios) {
    if (only && !only.includes(scenario.name)) continue;
    console.log(`\n=== ${scenario.name} (load average ${loadAverage()}) ===`);
    runs.push(await run(scenario, env));
  }
} finally {
  await rd.stop();
  await pg.stop();
}
const file = path.join(root, 'bench', 'RESULTS.md');
const markdown = renderResults({ startedAt, finishedAt: new Date(), machine: { ...machine, loadAtEnd: loadAverage() }, runs, missingTools });
writeFileSync(file, markdown);
console.log(`\n${markdown}\nWritten to bench/RESULTS.md`);
