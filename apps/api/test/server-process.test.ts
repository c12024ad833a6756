import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@termin/testkit/database';
import { createTestRedis, type TestRedis } from '@termin/testkit/redis';
import { waitFor } from '@termin/testkit/wait';

const apiDir = path.resolve(import.meta.dirname, '..');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function startServer(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: apiDir,
    env: { PATH: process.env.PATH, NODE_ENV: 'test', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

let database: TestDatabase;
let redis: TestRedis;
beforeAll(async () => {
  database = await createTestDatabase();
  redis = await createTestRedis();
});
afterAll(async () => {
  await redis?.cleanup();
  await database?.drop();
});

describe('API server process', () => {
  it('refuses to start with a clear message when configuration is missing', async () => {
    const server = startServer({ REDIS_URL: 'not-a-url' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('Invalid configuration');
    expect(server.output()).toContain('DATABASE_URL: is required but not set');
    expect(server.output()).toContain('REDIS_URL: must be a redis:// or rediss:// URL');
    expect(server.output()).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
  });

  it('serves, and on SIGTERM closes its connections and exits cleanly', async () => {
    const port = await freePort();
    const server = startServer({
      API_PORT: String(port),
      API_HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      REDIS_PREFIX: redis.prefix,
      CONTACT_HASH_SECRET: 'x'.repeat(40),
    });
    const ready = () => fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.status === 200);
    // Starting the real process (tsx compiles it) takes long on a busy machine, more so beside other files that start one.
    await waitFor('the server to answer /ready', ready, { timeoutMs: 40_000, intervalMs: 200 }).catch((error: Error) => {
      throw new Error(`${error.message}\n--- server output ---\n${server.output()}`);
    });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('shutting down');
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  }, 90_000);
});
