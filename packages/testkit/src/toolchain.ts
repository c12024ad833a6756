import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const repoRoot = join(import.meta.dirname, '..', '..', '..');

/**
 * The pnpm command (argv) every harness and benchmark runs. The start and test commands resolve it
 * once (`scripts/lib/toolchain.sh`) and export it as TERMIN_PNPM; run on its own (an IDE, a single
 * `vitest` call) the same version comes through npx, never a bare `pnpm` from the PATH.
 */
export function pnpmCommand(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.TERMIN_PNPM) {
    const parsed: unknown = JSON.parse(env.TERMIN_PNPM);
    if (Array.isArray(parsed) && parsed.length > 0 && parsed.every((part) => typeof part === 'string')) return parsed;
    throw new Error(`TERMIN_PNPM must be a JSON array of strings, got ${env.TERMIN_PNPM}`);
  }
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { packageManager: string };
  const version = manifest.packageManager.split('@')[1];
  return [npxPath(), '--yes', `pnpm@${version}`];
}

/** npx ships beside the running node binary; the PATH may hold another one or none. */
function npxPath(): string {
  const beside = join(dirname(process.execPath), 'npx');
  return existsSync(beside) ? beside : 'npx';
}

/** One line that names a missing tool and how to install it, for a test file's setup failure. */
export function missingToolError(tool: string, install: string, cause?: unknown): Error {
  return new Error(`${tool} was not found: install it with \`${install}\``, { cause });
}
