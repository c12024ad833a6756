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

/**
 * Runs one wrk per URL at once (one per API process, each on a port of its own: a load balancer
 * spreads requests evenly over a city's API replicas, while a node:cluster's shared port hands
 * whole connections to whichever process is free and left one process with 120 of 200 clients),
 * splits the connections evenly between them and merges what they measured.
 */
export async function runWrk(options: {
  urls: string[];
  script: string;
  args: string[];
  connections: number;
  seconds: number;
  /** Per wrk; by default one per API process in all. */
  threads?: number;
}): Promise<WrkResult> {
  const instances = options.urls.length;
  const threads = options.threads ?? 1;
  const perThread = Math.floor(options.connections / instances / threads);
  if (perThread < 1) throw new Error(`${options.connections} connections are too few for ${instances} × ${threads} wrk threads`);
  const results = await Promise.all(
    options.urls.map((url, instance) => wrkOnce(url, perThread * threads, threads, options, [String(instance), String(instances), String(threads), String(perThread)])),
  );
  return merge(results);
}

interface RawResult {
  requests: number;
  seconds: number;
  max: number;
  socketErrors: number;
  statuses: Record<string, number>;
  /** The 0.05th, 0.15th, … 99.95th percentile. */
  quantiles: number[];
}

async function wrkOnce(
  url: string,
  connections: number,
  threads: number,
  options: { script: string; args: string[]; seconds: number },
  instanceArgs: string[],
): Promise<RawResult> {
  const argv = [
    `-t${threads}`,
    `-c${connections}`,
    `-d${options.seconds}s`,
    '--timeout',
    '10s',
    '-s',
    new URL(`./wrk/${options.script}`, import.meta.url).pathname,
    url,
    '--',
    ...instanceArgs,
    ...options.args,
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
  return JSON.parse(line.slice('RESULT '.length)) as RawResult;
}

/** Each wrk's quantiles stand for an equal share of its requests; together they give the percentiles of all. */
function merge(results: RawResult[]): WrkResult {
  const requests = results.reduce((sum, r) => sum + r.requests, 0);
  const seconds = Math.max(...results.map((r) => r.seconds));
  const points = results.flatMap((r) => r.quantiles.map((value) => ({ value, weight: r.requests / r.quantiles.length }))).sort((a, b) => a.value - b.value);
  const at = (p: number) => {
    let seen = 0;
    for (const point of points) {
      seen += point.weight;
      if (seen >= (p / 100) * requests) return point.value;
    }
    return points.at(-1)?.value ?? 0;
  };
  const statuses: Record<string, number> = {};
  for (const r of results) for (const [status, n] of Object.entries(r.statuses)) statuses[status] = (statuses[status] ?? 0) + n;
  return {
    requests,
    seconds,
    rate: requests / seconds,
    p50: at(50),
    p90: at(90),
    p99: at(99),
    max: Math.max(...results.map((r) => r.max)),
    socketErrors: results.reduce((sum, r) => sum + r.socketErrors, 0),
    statuses,
  };
}
