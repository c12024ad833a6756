/**
 * The API for the benchmarks: PROCESSES copies (default one per core) in a node:cluster, each on a
 * free loopback port of its own, built from the environment they are given. Tells its parent the
 * URLs once every copy listens; the load comes from outside, spread evenly over them (as a load
 * balancer spreads requests over a city's API replicas; a cluster's shared port hands out whole
 * connections unevenly).
 *
 * Messages from the parent: `phase:start` and `phase:<name>` around a measured phase (each process
 * then prints how long it took to answer, from reading a request to finishing its answer, and how
 * long its event loop was held up; with
 * BENCH_CPU_PROF=<folder> writes a CPU profile of the phase), and `stop`.
 */
import cluster from 'node:cluster';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadApiConfig } from '@termin/config';
import { buildApp } from '../src/app';
import { percentile } from './support';

const processes = Number(process.env.PROCESSES ?? availableParallelism());

if (cluster.isPrimary) {
  const listening: Promise<string>[] = [];
  for (let i = 0; i < processes; i++) {
    const worker = cluster.fork();
    listening.push(new Promise((resolve) => worker.once('message', (m: { url: string }) => resolve(m.url))));
  }
  process.send!({ urls: await Promise.all(listening) });
  process.on('message', (message: string) => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.send(message);
    if (message !== 'stop') return;
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  });
} else {
  const app = await buildApp({ config: loadApiConfig(), logStream: new Writable({ write: (_c, _e, done) => done() }) });
  // How long a request that has arrived can wait before the process even reads it.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const readAt = new WeakMap<object, number>();
  const answerMs: number[] = [];
  app.server.prependListener('request', (req) => readAt.set(req, performance.now()));
  app.addHook('onResponse', async (request) => {
    answerMs.push(performance.now() - (readAt.get(request.raw) ?? performance.now()));
  });
  // Without `exclusive`, the workers of one cluster asking for port 0 would all get the same port.
  const url = await app.listen({ port: 0, host: '127.0.0.1', exclusive: true });
  process.send!({ url });
  const profiler = process.env.BENCH_CPU_PROF ? new Session() : undefined;
  profiler?.connect();
  process.on('message', async (message: string) => {
    if (message === 'phase:start') {
      answerMs.length = 0;
      loopDelay.reset();
      await profiler?.post('Profiler.enable');
      await profiler?.post('Profiler.start');
    } else if (message.startsWith('phase:')) {
      const name = message.slice('phase:'.length);
      const sorted = answerMs.sort((a, b) => a - b);
      console.log(
        `  ${name}, API process ${process.pid}: n=${sorted.length}, from reading a request to its answer ` +
          `p50=${percentile(sorted, 50).toFixed(1)} ms p99=${percentile(sorted, 99).toFixed(1)} ms max=${sorted.at(-1)?.toFixed(1)} ms; ` +
          `event-loop delay p99=${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms max=${(loopDelay.max / 1e6).toFixed(1)} ms`,
      );
      if (profiler) {
        const { profile } = await profiler.post('Profiler.stop');
        writeFileSync(join(process.env.BENCH_CPU_PROF!, `${name}-${process.pid}.cpuprofile`), JSON.stringify(profile));
      }
    } else if (message === 'stop') {
      await app.close();
      process.exit(0);
    }
  });
}
