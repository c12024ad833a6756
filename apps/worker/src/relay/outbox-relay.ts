import { setTimeout as sleep } from 'node:timers/promises';
import { sqlPool } from '@termin/db';
import type { WorkerContext } from '../context';
import { failureReason } from '../delivery/deliver-once';
import { PoisonEventError, publishBookings, publishOutboxEvent, type OutboxRow, type PoisonEvent } from './event-handlers';

// Large enough that a release rush needs few round trips, small enough that the workers start on
// the first confirmations while the relay is still adding the rest.
const BATCH_SIZE = 250;
const PUBLISH_TIMEOUT_MS = 5_000;
const MAX_BACKOFF_MS = 5_000;

interface PublishFailure {
  ids: string[];
  reason: string;
  /** The event itself is unusable: it is set aside as published, lastError says why. */
  poison: boolean;
}

interface PublishResult {
  failures: PublishFailure[];
  /** Not tried after a failure: unmarked, for the next pass. */
  untried: string[];
}

export interface OutboxRelay {
  start(): void;
  /** Stops polling and waits for the batch in progress. */
  stop(): Promise<void>;
  /** One pass; returns how many events it published. Exposed for tests and the benchmark. */
  relayOnce(): Promise<{ claimed: number; published: number; failed: boolean }>;
}

// Claims a batch in one statement: the rows are marked published and stay locked (FOR UPDATE SKIP
// LOCKED) until the transaction ends, so another relay skips them; what could not be published
// is unmarked again before the commit.
const CLAIM = `
  UPDATE "OutboxEvent" SET "publishedAt" = $1
  WHERE id IN (SELECT id FROM "OutboxEvent" WHERE "publishedAt" IS NULL ORDER BY "createdAt" LIMIT $2 FOR UPDATE SKIP LOCKED)
  RETURNING id, type, payload, "createdAt"`;

const RECORD_FAILURE = `
  UPDATE "OutboxEvent" SET attempts = attempts + 1, "lastError" = $2, "publishedAt" = CASE WHEN $3::boolean THEN "publishedAt" END
  WHERE id = ANY($1::uuid[])`;

const UNMARK = `UPDATE "OutboxEvent" SET "publishedAt" = NULL WHERE id = ANY($1::uuid[])`;

/**
 * Moves OutboxEvent rows to BullMQ. Rows are claimed with FOR UPDATE SKIP LOCKED inside a
 * transaction, so several worker processes share the work without taking the same row; the
 * claim marks them published, and what could not be published is unmarked before the commit. A
 * crash before the commit leaves the rows unpublished and they are published again, which adds
 * nothing because jobs carry the event id as jobId. While Redis is away nothing stays marked, so
 * nothing is lost. Bookings, most of a release rush, go to BullMQ as confirm jobs of a run each, in one `addBulk`.
 */
export function createOutboxRelay(ctx: WorkerContext): OutboxRelay {
  let running = false;
  let loop: Promise<void> | null = null;
  const wake = new AbortController();
  const pool = sqlPool(ctx.db);

  async function relayOnce() {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<OutboxRow & { createdAt: Date }>({ name: 'outbox-claim', text: CLAIM, values: [ctx.now(), BATCH_SIZE] });
      rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
      const result = await publishInOrder(rows);
      for (const failure of result.failures) {
        await client.query({
          name: 'outbox-failure',
          text: RECORD_FAILURE,
          values: [failure.ids, failure.reason.slice(0, 500), failure.poison],
        });
      }
      if (result.untried.length) await client.query({ name: 'outbox-unmark', text: UNMARK, values: [result.untried] });
      await client.query('COMMIT');
      const failed = result.failures.some((f) => !f.poison);
      const published = rows.length - result.untried.length - result.failures.reduce((n, f) => n + f.ids.length, 0);
      return { claimed: rows.length, published, failed };
    } catch (error) {
      await client.query('ROLLBACK').catch((rollback: Error) => {
        broken = rollback;
      });
      throw error;
    } finally {
      client.release(broken ?? false);
    }
  }

  /**
   * Publishes the rows in their order, each run of bookings at once. Stops at the first failure
   * that is not the event's own fault (most likely Redis is away: the rest would fail the same way).
   */
  async function publishInOrder(rows: OutboxRow[]): Promise<PublishResult> {
    const failures: PublishFailure[] = [];
    let index = 0;
    while (index < rows.length) {
      let end = index + 1;
      if (rows[index]!.type === 'appointment.booked') while (end < rows.length && rows[end]!.type === 'appointment.booked') end++;
      const run = rows.slice(index, end);
      index = end;
      try {
        const poison = run.length > 1 ? await withTimeout(publishBookings(ctx, run), PUBLISH_TIMEOUT_MS) : await withTimeout(publishOne(run[0]!), PUBLISH_TIMEOUT_MS);
        for (const event of poison) {
          failures.push({ ids: [event.id], reason: event.reason, poison: true });
          ctx.log.error({ eventId: event.id, reason: event.reason }, 'outbox event cannot be published');
        }
      } catch (error) {
        const reason = failureReason(error);
        failures.push({ ids: run.map((r) => r.id), reason, poison: false });
        ctx.log.warn({ events: run.length, reason }, 'outbox relay cannot publish, will retry');
        return { failures, untried: rows.slice(index).map((r) => r.id) };
      }
    }
    return { failures, untried: [] };
  }

  async function publishOne(row: OutboxRow): Promise<PoisonEvent[]> {
    try {
      await publishOutboxEvent(ctx, row);
      return [];
    } catch (error) {
      if (error instanceof PoisonEventError) return [{ id: row.id, reason: error.message }];
      throw error;
    }
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
