/**
 * How this machine compares with the one the targets were set on (issue: "a bare 3-statement
 * PostgreSQL transaction runs at about 5,000/s (pgbench -N) and a bare Fastify route at about
 * 50,000 req/s"). Shared machines differ a lot from day to day; printed next to the results, these
 * two numbers say how far the day's machine is from that one.
 */
import { execFileSync, fork } from 'node:child_process';
import { createBenchDatabase } from './support';
import { runWrk, type WrkResult } from './wrk';

const SECONDS = 5;

/** Transactions a second of `pgbench -N` (scale 10, 8 clients), or undefined without pgbench. */
export async function pgbenchTps(): Promise<number | undefined> {
  const database = await createBenchDatabase();
  try {
    const run = (args: string[]) => execFileSync('pgbench', [...args, database.url], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    run(['-i', '-q', '-s', '10']);
    const match = /tps = ([\d.]+)/.exec(run(['-N', '-c', '8', '-j', '2', '-T', String(SECONDS)]));
    return match ? Number(match[1]) : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  } finally {
    await database.drop();
  }
}

/** What wrk gets from a one-route Fastify app (100 connections). */
export async function bareFastify(seconds = SECONDS): Promise<WrkResult> {
  const child = fork(new URL('./bare-fastify.ts', import.meta.url), { execArgv: ['--import', 'tsx'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.once('message', (m: { url: string }) => resolve(m.url));
      child.once('exit', (code) => reject(new Error(`the bare Fastify app exited with ${code}`)));
    });
    return await runWrk({ urls: [url], script: 'plain.lua', args: [], connections: 100, seconds, threads: 2 });
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.send('stop');
    await exited;
  }
}

export async function calibrationLine(): Promise<string> {
  const tps = await pgbenchTps();
  const { rate } = await bareFastify();
  return (
    `calibration: pgbench -N ${tps === undefined ? 'not installed' : `${tps.toFixed(0)} tps`} (targets set at about 5,000), ` +
    `bare Fastify route ${rate.toFixed(0)} req/s (about 50,000)`
  );
}
