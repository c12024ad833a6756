import { setTimeout as sleep } from 'node:timers/promises';
import { TX_OPTIONS } from '@termin/db';
import type { WorkerContext } from '../context';
import { failureReason } from '../delivery/deliver-once';
import { PoisonEventError, publishOutboxEvent, type OutboxRow } from './event-handlers';

const BATCH_SIZE = 100;
const PUBLISH_TIMEOUT_MS = 5_000;
const MAX_BACKOFF_MS = 5_000;

export interface OutboxRelay {
  start(): void;
  /** Stops polling and waits for the batch in progress. */
  stop(): Promise<void>;
  /** One pass; returns how many events it published. Exposed for tests and the benchmark. */
  relayOnce(): Promise<{ claimed: number; published: number; failed: boolean }>;
}

/**
 * Moves OutboxEvent rows to BullMQ. Rows are claimed with FOR UPDATE SKIP LOCKED inside a
 * transaction, so several worker processes share the work without taking the same row; publishedAt
 * is set in that same transaction after the jobs were added. A crash before the commit leaves the
 * rows unpublished and they are published again, which adds nothing because jobs carry the event
 * id as jobId. While Redis is away nothing is marked, so nothing is lost.
 */
export function createOutboxRelay(ctx: WorkerContext): OutboxRelay {
  let running = false;
  let loop: Promise<void> | null = null;
  const wake = new AbortController();

  async function relayOnce() {
    return ctx.db.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<OutboxRow[]>`
          SELECT id, type, payload FROM "OutboxEvent"
          WHERE "publishedAt" IS NULL
          ORDER BY "createdAt"
          LIMIT ${BATCH_SIZE}
          FOR UPDATE SKIP LOCKED`;
        const published: string[] = [];
        let failed = false;
        for (const row of rows) {
          try {
            await withTimeout(publishOutboxEvent(ctx, row), PUBLISH_TIMEOUT_MS);
            published.push(row.id);
          } catch (error) {
            const reason = error instanceof PoisonEventError ? error.message : failureReason(error);
            await tx.outboxEvent.update({
              where: { id: row.id },
              data: {
                attempts: { increment: 1 },
                lastError: reason.slice(0, 500),
                // A poison event is set aside as published so it does not block the queue; lastError keeps why.
                ...(error instanceof PoisonEventError ? { publishedAt: ctx.now() } : {}),
              },
            });
            if (error instanceof PoisonEventError) {
              ctx.log.error({ eventId: row.id, reason }, 'outbox event cannot be published');
              continue;
            }
            ctx.log.warn({ eventId: row.id, reason }, 'outbox relay cannot publish, will retry');
            // Most likely Redis is away: the rest of the batch would fail the same way.
            failed = true;
            break;
          }
        }
        if (published.length) {
          await tx.outboxEvent.updateMany({ where: { id: { in: published } }, data: { publishedAt: ctx.now() } });
        }
        return { claimed: rows.length, published: published.length, failed };
      },
      { ...TX_OPTIONS, timeout: 60_000 },
    );
  }

  async function run() {
    let failures = 0;
    while (running) {
      let pause = ctx.config.WORKER_RELAY_INTERVAL_MS;
      try {
        const result = await relayOnce();
        failures = result.failed ? failures + 1 : 0;
        if (result.failed) pause = Math.min(MAX_BACKOFF_MS, pause * 2 ** failures);
        else if (result.claimed === BATCH_SIZE) pause = 0;
      } catch (error) {
        failures += 1;
        pause = Math.min(MAX_BACKOFF_MS, pause * 2 ** failures);
        ctx.log.warn({ reason: failureReason(error) }, 'outbox relay pass failed');
      }
      if (pause > 0 && running) await sleep(pause, undefined, { signal: wake.signal }).catch(() => undefined);
    }
  }

  return {
    relayOnce,
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wake.abort();
      await loop;
    },
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('publish timed out'), { code: 'ETIMEDOUT' })), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
