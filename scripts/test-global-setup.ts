// Runs once per test run, before any worker: builds a migrated template database that every test
// file clones (see packages/testkit/src/database.ts), and drops clones a killed run left behind.
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { migrateDatabase } from '@termin/db';

const migrationsDir = path.resolve(import.meta.dirname, '../prisma/migrations');
const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Named after the migrations' content, so a changed migration gets a fresh template. */
function templateName(): string {
  const hash = createHash('sha256');
  for (const dir of readdirSync(migrationsDir).sort()) {
    if (dir.endsWith('.toml')) continue;
    hash.update(dir);
    hash.update(readFileSync(path.join(migrationsDir, dir, 'migration.sql')));
  }
  return `termin_tpl_${hash.digest('hex').slice(0, 16)}`;
}

export default async function setup(): Promise<void> {
  const name = templateName();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Two test runs on one server (two checkouts) must not build the same template at once.
    await admin.query('SELECT pg_advisory_lock(724001)');
    const clones = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'termin_test_%'`);
    const dayAgo = Date.now() / 1000 - 24 * 3600;
    for (const { datname } of clones.rows) {
      const createdAt = Number(datname.split('_')[2]);
      if (createdAt < dayAgo) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!exists.rowCount) {
      const building = `${name}_build_${randomBytes(3).toString('hex')}`;
      await admin.query(`CREATE DATABASE "${building}"`);
      await migrateDatabase(withDatabase(adminUrl, building));
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
    }
    await admin.query('SELECT pg_advisory_unlock(724001)');
  } finally {
    await admin.end();
  }
  process.env.TERMIN_TEST_DB_TEMPLATE = name;
}
