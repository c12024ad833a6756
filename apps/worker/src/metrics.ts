import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { workQueueNames } from '@termin/jobs';
import type { WorkerContext } from './context';

const jobStates = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

export interface WorkerMetrics {
  registry: Registry;
  /** Counts a job that failed an attempt (it may still be retried). */
  jobFailed(queue: string): void;
}

/**
 * The worker's Prometheus metrics, read at scrape time: BullMQ queue depths, dead letters and the
 * outbox lag (how long the oldest unpublished event has waited) come from Redis and PostgreSQL,
 * so every worker instance reports the same shared state; failed attempts are counted per process.
 */
export function createWorkerMetrics(ctx: Pick<WorkerContext, 'queues' | 'db' | 'now'>): WorkerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'termin_worker_' });
  new Gauge({
    name: 'termin_queue_jobs',
    help: 'Jobs per BullMQ queue and state',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const name of workQueueNames) {
        const counts = await ctx.queues[name].getJobCounts(...jobStates);
        for (const state of jobStates) this.set({ queue: name, state }, counts[state] ?? 0);
      }
    },
  });
  new Gauge({
    name: 'termin_dead_letters',
    help: 'Jobs in the dead-letter queue, waiting for an administrator',
    registers: [registry],
    async collect() {
      this.set(await ctx.queues['dead-letter'].getWaitingCount());
    },
  });
  new Gauge({
    name: 'termin_outbox_pending',
    help: 'Outbox events not yet relayed to BullMQ',
    registers: [registry],
    async collect() {
      this.set(await ctx.db.outboxEvent.count({ where: { publishedAt: null } }));
    },
  });
  new Gauge({
    name: 'termin_outbox_lag_seconds',
    help: 'Age of the oldest outbox event not yet relayed (0 when none waits)',
    registers: [registry],
    async collect() {
      const oldest = await ctx.db.outboxEvent.findFirst({ where: { publishedAt: null }, orderBy: { createdAt: 'asc' }, select: { createdAt: true } });
      this.set(oldest ? Math.max(0, (ctx.now().getTime() - oldest.createdAt.getTime()) / 1000) : 0);
    },
  });
  const failed = new Counter({ name: 'termin_jobs_failed_total', help: 'Failed job attempts per queue', labelNames: ['queue'] as const, registers: [registry] });
  return { registry, jobFailed: (queue) => failed.inc({ queue }) };
}
