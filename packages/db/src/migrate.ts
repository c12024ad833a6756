import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const packageDir = path.resolve(import.meta.dirname, '..');

/**
 * Applies the committed SQL migrations in prisma/migrations with `prisma migrate deploy`
 * (the same command production runs). Works offline: Prisma's WASM schema engine over the pg adapter.
 */
export async function migrateDatabase(databaseUrl: string): Promise<void> {
  const prismaCli = createRequire(path.join(packageDir, 'package.json')).resolve('prisma/build/index.js');
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli, 'migrate', 'deploy'], {
      cwd: packageDir,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d) => output.push(String(d)));
    child.stderr.on('data', (d) => output.push(String(d)));
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`prisma migrate deploy failed (exit ${code}):\n${output.join('')}`);
}
