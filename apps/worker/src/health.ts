import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { metricsScrapeAllowed } from '@termin/config';

export interface QueueDepth {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  redis: string;
  queues: Record<string, QueueDepth> | null;
}

export async function healthReport(redis: Redis, queues: Queue[]): Promise<HealthReport> {
  if (redis.status !== 'ready') return { status: 'degraded', redis: redis.status, queues: null };
  try {
    const depths = await Promise.race([
      Promise.all(
        queues.map(async (queue) => {
          const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
          const depth: QueueDepth = {
            waiting: counts.waiting ?? 0,
            active: counts.active ?? 0,
            delayed: counts.delayed ?? 0,
            failed: counts.failed ?? 0,
          };
          return [queue.name, depth] as const;
        }),
      ),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000).unref()),
    ]);
    return { status: 'ok', redis: redis.status, queues: Object.fromEntries(depths) };
  } catch {
    return { status: 'degraded', redis: redis.status, queues: null };
  }
}

export interface MetricsEndpoint {
  registry: Registry;
  token: string | undefined;
}

/** Serves the Prometheus text to a scraper with the token; 404 to anyone else, 503 while a source is away. */
function serveMetrics(metrics: MetricsEndpoint, authorization: string | undefined, res: import('node:http').ServerResponse) {
  if (!metricsScrapeAllowed(authorization, metrics.token)) return void res.writeHead(404).end();
  metrics.registry.metrics().then(
    (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
    () => res.writeHead(503).end(),
  );
}

/** `GET /health`: 200 with queue depths while Redis answers, 503 otherwise; `GET /metrics` for Prometheus. */
export async function startHealthServer(port: number, report: () => Promise<HealthReport>, metrics?: MetricsEndpoint): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/metrics' && metrics) return serveMetrics(metrics, req.headers.authorization, res);
    if (req.method !== 'GET' || req.url !== '/health') {
      res.writeHead(404).end();
      return;
    }
    report().then(
      (body) => {
        res.writeHead(body.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      },
      () => res.writeHead(503).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
