import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '@termin/db';
import { seedDemo } from '@termin/db/seed';
import { adminDatabaseUrl, createTestDatabase, withDatabase, type TestDatabase } from '@termin/testkit/database';

const root = path.resolve(import.meta.dirname, '../../..');
const exec = promisify(execFile);
const script = (name: string) => path.join(root, 'scripts', name);

let source: TestDatabase;
let backupDir: string;
const fresh = `termin_test_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
const freshUrl = withDatabase(adminDatabaseUrl(), fresh);

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Every table of the public schema with its rows, in a stable order: what a restore must reproduce. */
async function contents(url: string): Promise<Record<string, unknown[]>> {
  const tables = await query<{ table_name: string }>(
    url,
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const result: Record<string, unknown[]> = {};
  for (const { table_name } of tables) {
    result[table_name] = await query(url, `SELECT to_jsonb(t) AS row FROM "${table_name}" t ORDER BY to_jsonb(t)::text`);
  }
  return result;
}

beforeAll(async () => {
  source = await createTestDatabase();
  const db = createPrismaClient({ databaseUrl: source.url });
  try {
    await seedDemo(db);
  } finally {
    await db.$disconnect();
  }
  backupDir = mkdtempSync(path.join(tmpdir(), 'termin-backups-'));
  await query(adminDatabaseUrl(), `CREATE DATABASE ${fresh}`);
}, 60_000);

afterAll(async () => {
  await source?.drop();
  await query(adminDatabaseUrl(), `DROP DATABASE IF EXISTS ${fresh} WITH (FORCE)`);
  if (backupDir) rmSync(backupDir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('dumps the database into a file only its owner can read, and restores it into a fresh database unchanged', async () => {
    const { stdout } = await exec('bash', [script('backup.sh')], { env: { ...process.env, TERMIN_DATABASE_URL: source.url, BACKUP_DIR: backupDir } });
    const dump = stdout.trim();
    expect(path.dirname(dump)).toBe(backupDir);
    expect(path.basename(dump)).toMatch(/^termin-\d{8}T\d{6}Z\.dump$/);
    expect(statSync(dump).mode & 0o077).toBe(0);
    expect(readdirSync(backupDir)).toEqual([path.basename(dump)]);

    await exec('bash', [script('restore.sh'), dump], { env: { ...process.env, TERMIN_DATABASE_URL: freshUrl } });
    const [before, after] = await Promise.all([contents(source.url), contents(freshUrl)]);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(after.Tenant?.length).toBeGreaterThan(0);
    expect(after.Location?.length).toBeGreaterThan(0);
    expect(after._prisma_migrations?.length).toBeGreaterThan(0);
    expect(after).toEqual(before);
    // The constraints came along too: the restored database still refuses a second tenant with the same slug.
    await expect(query(freshUrl, `INSERT INTO "Tenant" SELECT * FROM "Tenant" LIMIT 1`)).rejects.toThrow(/duplicate key/);
  }, 120_000);

  it('refuses a file that is no dump and leaves the database untouched', async () => {
    const bogus = path.join(backupDir, 'not-a-dump.dump');
    await exec('bash', ['-c', `echo nonsense > '${bogus}'`]);
    const before = await contents(freshUrl);
    await expect(exec('bash', [script('restore.sh'), bogus], { env: { ...process.env, TERMIN_DATABASE_URL: freshUrl } })).rejects.toThrow();
    expect(await contents(freshUrl)).toEqual(before);
  });
});
