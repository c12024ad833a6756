/**
 * Load from wrk (a C load generator): on two cores a load generator written in JavaScript takes
 * a large share of the CPU the API needs, and its own event loop adds latency to what it measures.
 * The Lua scripts next to this file build the requests and print one RESULT line.
 */
import { execFileSync, spawn } from 'node:child_process';

export interface WrkResult {
  requests: number;
  seconds: number;
  rate: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  socketErrors: number;
  statuses: Record<string, number>;
}

/** wrk comes from Debian's packages; installed on first use where that is possible. */
export function ensureWrk(): void {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return;
  } catch (error) {
    // wrk --version exits 1 after printing its version: only a missing binary is a problem.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return;
  }
  if (process.getuid?.() !== 0) throw new Error('wrk is missing: install it with `sudo apt-get install -y wrk`');
  execFileSync('apt-get', ['install', '-y', '-q', 'wrk'], { stdio: 'inherit' });
}

export async function runWrk(options: {
  url: string;
  script: string;
  args: string[];
  connections: number;
  seconds: number;
  threads?: number;
}): Promise<WrkResult> {
  const argv = [
    `-t${options.threads ?? 2}`, `-c${options.connections}`, `-d${options.seconds}s`, '--timeout', '10s',
    '-s', new URL(`./wrk/${options.script}`, import.meta.url).pathname, options.url, '--', ...options.args,
  ];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn('wrk', argv, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk exited with ${code}:\n${out}`))));
  });
  const line = output.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`wrk printed no result:\n${output}`);
  const result = JSON.parse(line.slice('RESULT '.length)) as Omit<WrkResult, 'rate'>;
  return { ...result, rate: result.requests / result.seconds };
}
