// Runs every test project with real services: PostgreSQL and Redis from the environment, the
// machine's local servers, or ones started here. Prints the total as the last line.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { canConnectPostgres, canConnectRedis, given, portIsFree, startEmbeddedPostgres, startLocalRedis, type Service } from './lib/services';

const root = path.resolve(import.meta.dirname, '..');
const resultsDir = path.join(root, '.test-results');
const services: Service[] = [];

async function postgres(): Promise<Service> {
  if (process.env.TEST_DATABASE_ADMIN_URL) return given(process.env.TEST_DATABASE_ADMIN_URL, 'PostgreSQL');
  const local = 'postgresql://postgres@127.0.0.1:5432/postgres';
  if (await canConnectPostgres(local)) return given(local, 'local PostgreSQL');
  let port = 54330;
  while (!(await portIsFree(port))) port++;
  return startEmbeddedPostgres(path.join(root, '.data', 'test-postgres'), port);
}

async function redis(): Promise<Service> {
  const fromEnv = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL;
  if (fromEnv) return given(fromEnv, 'Redis');
  const local = 'redis://127.0.0.1:6379';
  if (await canConnectRedis(local)) return given(local, 'local Redis');
  let port = 63791;
  while (!(await portIsFree(port))) port++;
  return startLocalRedis(port);
}

function summary(report: string): { passed: number; failed: number; skipped: number } | null {
  const file = path.join(resultsDir, report);
  if (!existsSync(file)) return null;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: { status: string; assertionResults: { status: string }[] }[];
  };
  // A file that fails to load or whose setup fails has no failed test of its own (its tests are
  // skipped): count each such file, so it cannot hide behind other files' failures.
  const brokenFiles = parsed.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((t) => t.status === 'failed')).length;
  return { passed: parsed.numPassedTests, failed: parsed.numFailedTests + brokenFiles, skipped: parsed.numPendingTests + parsed.numTodoTests };
}

/** Runs Vitest with both reporters, the JSON one into `.test-results/<report>`; resolves to its exit code. */
function vitest(report: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const bin = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
  return new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [bin, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${path.join(resultsDir, report)}`, ...args], {
      cwd: root,
      stdio: 'inherit',
      env,
    });
    child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  const pg = await postgres();
  services.push(pg);
  const rd = await redis();
  services.push(rd);
  console.log(`Tests use ${pg.description} and ${rd.description}.`);

  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  // Every process the tests start keeps its log lines here; after a full run a last test reads them
  // all for citizens' data (scripts/log-scan).
  const logDir = path.join(resultsDir, 'logs');
  const env = { ...process.env, TEST_DATABASE_ADMIN_URL: pg.url, TEST_REDIS_URL: rd.url, REDIS_URL: rd.url, TERMIN_LOG_CAPTURE_DIR: logDir };
  const args = process.argv.slice(2);
  let code = await vitest('vitest.json', args, env);
  const scanLogs = args.length === 0 || process.env.TERMIN_LOG_SCAN === '1';
  if (scanLogs) {
    console.log('Reading the log lines of the whole suite for personal data …');
    code = (await vitest('log-scan.json', ['--config', path.join(root, 'scripts', 'log-scan', 'vitest.config.ts')], env)) || code;
  }

  const suite = summary('vitest.json');
  const scan = scanLogs ? (summary('log-scan.json') ?? { passed: 0, failed: 1, skipped: 0 }) : { passed: 0, failed: 0, skipped: 0 };
  const result = suite && { passed: suite.passed + scan.passed, failed: suite.failed + scan.failed, skipped: suite.skipped + scan.skipped };
  // scripts/test.sh runs these before the tests; each one that failed counts as one failed test.
  const staticChecks = [
    ['TERMIN_TYPECHECK_FAILED', 'Type-checking'],
    ['TERMIN_LINT_FAILED', 'Linting'],
    ['TERMIN_FORMAT_FAILED', 'The format check'],
  ] as const;
  const failedChecks = staticChecks.filter(([variable]) => process.env[variable] === '1');
  for (const [, check] of failedChecks) console.log(`${check} failed (see above).`);
  const staticFailures = failedChecks.length;
  for (const service of services.reverse()) await service.stop().catch(() => {});
  if (!result) {
    console.log(`0 passed, ${1 + staticFailures} failed`);
    return code || 1;
  }
  // A skipped test is a defect in this project, so a run with one is not green.
  const skipped = result.skipped > 0 ? `, ${result.skipped} skipped` : '';
  console.log(`${result.passed} passed, ${result.failed + staticFailures} failed${skipped}`);
  return result.failed + staticFailures + result.skipped > 0 ? code || 1 : code;
}

main().then(
  (code) => process.exit(code),
  async (error: Error) => {
    console.error(`Could not run the tests: ${error.message}`);
    for (const service of services.reverse()) await service.stop().catch(() => {});
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
