/**
 * The API for the benchmarks: PROCESSES copies (default one per core) in a node:cluster, all on one
 * free loopback port, built from the environment they are given. Tells its parent the URL once
 * every copy listens; the load comes from outside.
 */
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadApiConfig } from '@termin/config';
import { buildApp } from '../src/app';

const processes = Number(process.env.PROCESSES ?? availableParallelism());

if (cluster.isPrimary) {
  const listening: Promise<string>[] = [];
  for (let i = 0; i < processes; i++) {
    const worker = cluster.fork();
    listening.push(new Promise((resolve) => worker.once('message', (m: { url: string }) => resolve(m.url))));
  }
  process.send!({ url: (await Promise.all(listening))[0] });
  process.on('message', (message: string) => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.send(message);
    if (message !== 'stop') return;
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  });
} else {
  const app = await buildApp({ config: loadApiConfig(), logStream: new Writable({ write: (_c, _e, done) => done() }) });
  // Workers of one cluster asking for port 0 all get the same port.
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  process.send!({ url });
  const profiler = process.env.BENCH_CPU_PROF ? new Session() : undefined;
  profiler?.connect();
  process.on('message', async (message: string) => {
    // A CPU profile of the measured phase only (BENCH_CPU_PROF=<folder>), not of start-up and warm-up.
    if (message.startsWith('profile:') && profiler) {
      if (message === 'profile:start') {
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.start');
      } else {
        const { profile } = await profiler.post('Profiler.stop');
        writeFileSync(join(process.env.BENCH_CPU_PROF!, `${message.slice(8)}-${process.pid}.cpuprofile`), JSON.stringify(profile));
      }
      return;
    }
    if (message !== 'stop') return;
    await app.close();
    process.exit(0);
  });
}
