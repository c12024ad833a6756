import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

function runCli(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', cli], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

describe('dev-idp CLI', () => {
  it('exits with code 1 and says why when NODE_ENV=production', async () => {
    const run = runCli({ NODE_ENV: 'production', TERMIN_DEV_IDP_PORT: '0' });
    expect(await run.exited).toBe(1);
    expect(run.output().stderr).toContain('must not run with NODE_ENV=production');
    expect(run.output().stdout).not.toContain('ready');
  }, 20_000);

  it('starts, serves discovery for the printed issuer and stops on SIGTERM', async () => {
    const run = runCli({ NODE_ENV: 'development', TERMIN_DEV_IDP_PORT: '0' });
    const issuer = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const found = /issuer (\S+)/.exec(run.output().stdout)?.[1];
        if (found) {
          clearInterval(timer);
          resolve(found);
        }
      }, 50);
      void run.exited.then((code) => {
        clearInterval(timer);
        reject(new Error(`CLI exited with ${code}: ${run.output().stderr}`));
      });
    });
    const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { issuer: string };
    expect(discovery.issuer).toBe(issuer);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  }, 20_000);
});
