import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { sqlPool, type Db } from '@termin/db';
import { DeliveryError } from '@termin/notifications';

export interface DeliveryClaim {
  dedupeKey: string;
  channel: 'EMAIL' | 'SMS';
  kind: string;
  appointmentId: string;
}

/** `withheld`: the sender decided not to send (e.g. the day's SMS budget is used up); recorded as FAILED with its reason. */
export type DeliveryOutcome = 'sent' | 'already-sent' | 'withheld';

/** What `send` returns when it decides not to send: a reason free of personal data. */
export interface Withheld {
  withheld: string;
}

/** Another process is sending the same message right now; the job retries and then finds it sent. */
class DeliveryBusyError extends Error {
  override readonly name = 'DeliveryBusyError';
  constructor() {
    super('message is being sent by another worker');
  }
}

// The claim: a new row, or the existing one unless it is SENT, as PENDING with one more attempt.
const CLAIM = `
  INSERT INTO "NotificationLog" (id, "appointmentId", channel, kind, "dedupeKey", status, attempts)
  VALUES ($1, $2, $3::"NotificationChannel", $4, $5, 'PENDING', 1)
  ON CONFLICT ("dedupeKey") DO UPDATE SET status = 'PENDING', attempts = "NotificationLog".attempts + 1, reason = NULL
  WHERE "NotificationLog".status <> 'SENT'
  RETURNING id`;

/**
 * Sends a message at most once per dedupe key, as far as a crash allows:
 *
 *  1. A transaction takes an advisory lock on the key and holds it while sending, so two
 *     workers never send the same message at once. The lock dies with the connection, so a
 *     killed worker does not block the retry.
 *  2. The claim — status PENDING, attempts + 1 — is committed before sending; a SENT row ends it.
 *  3. SENT is committed right after the provider accepted the message.
 *
 * Remaining at-least-once window: if the process dies after the provider accepted the message
 * and before step 3 commits (a few milliseconds), the row stays PENDING and the retry sends
 * again. E-mails carry a Message-ID derived from the key, so mailbox providers that
 * de-duplicate by Message-ID drop that copy; an SMS in that window would arrive twice.
 *
 * Every message of a release rush passes here, so it runs on the pool under the Prisma client,
 * four round trips in all (apps/worker/BENCHMARK.md): BEGIN with the lock, the claim (committed
 * by itself, on another connection), SENT with the COMMIT that ends the lock.
 */
export async function deliverOnce(db: Db, claim: DeliveryClaim, send: () => Promise<void | Withheld>, now: () => Date = () => new Date()): Promise<DeliveryOutcome> {
  const pool = sqlPool(db);
  return inLockTransaction(pool, async (lock) => {
    const key = lock.escapeLiteral(claim.dedupeKey);
    const [, locked] = (await lock.query(`BEGIN; SELECT pg_try_advisory_xact_lock(hashtextextended(${key}, 0)) AS locked`)) as unknown as [
      unknown,
      pg.QueryResult<{ locked: boolean }>,
    ];
    if (!locked.rows[0]?.locked) throw new DeliveryBusyError();

    const claimed = await pool.query({
      name: 'delivery-claim',
      text: CLAIM,
      values: [randomUUID(), claim.appointmentId, claim.channel, claim.kind, claim.dedupeKey],
    });
    if (claimed.rowCount === 0) {
      await lock.query('COMMIT');
      return 'already-sent';
    }

    let withheld: void | Withheld;
    try {
      withheld = await send();
    } catch (error) {
      await pool.query({
        name: 'delivery-reason',
        text: 'UPDATE "NotificationLog" SET reason = $2 WHERE "dedupeKey" = $1',
        values: [claim.dedupeKey, failureReason(error)],
      });
      throw error;
    }
    if (withheld) {
      await lock.query(
        `UPDATE "NotificationLog" SET status = 'FAILED', reason = ${lock.escapeLiteral(withheld.withheld.slice(0, 300))} WHERE "dedupeKey" = ${key}; COMMIT`,
      );
      return 'withheld';
    }
    await lock.query(
      `UPDATE "NotificationLog" SET status = 'SENT', "sentAt" = ${lock.escapeLiteral(now().toISOString())}, reason = NULL WHERE "dedupeKey" = ${key}; COMMIT`,
    );
    return 'sent';
  });
}

/**
 * Runs `body` on a connection of its own that holds the advisory locks: `body` begins the
 * transaction with its lock statement and ends it with its last one (each sharing a round trip); on
 * a failure the transaction is rolled back. The locks end with the transaction.
 */
async function inLockTransaction<T>(pool: pg.Pool, body: (lock: pg.PoolClient) => Promise<T>): Promise<T> {
  const lock = await pool.connect();
  let broken: Error | undefined;
  try {
    return await body(lock);
  } catch (error) {
    await lock.query('ROLLBACK').catch((rollback: Error) => {
      broken = rollback;
    });
    throw error;
  } finally {
    // A connection whose transaction could not be ended is dropped, not handed to the next job.
    lock.release(broken ?? false);
  }
}

const CLAIM_MANY = `
  INSERT INTO "NotificationLog" (id, "appointmentId", channel, kind, "dedupeKey", status, attempts)
  SELECT c.id, c."appointmentId", c.channel::"NotificationChannel", c.kind, c."dedupeKey", 'PENDING', 1
  FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[]) AS c(id, "appointmentId", channel, kind, "dedupeKey")
  ON CONFLICT ("dedupeKey") DO UPDATE SET status = 'PENDING', attempts = "NotificationLog".attempts + 1, reason = NULL
  WHERE "NotificationLog".status <> 'SENT'
  RETURNING "dedupeKey"`;

/** Per message of {@link deliverEach}: sent, sent before, or not sent with why (another worker holding it included). */
export type EachOutcome = 'sent' | 'already-sent' | { failed: unknown };

/**
 * {@link deliverOnce} for many messages at once, with the same guarantees in a few round trips for
 * all of them instead of four each: BEGIN with the advisory locks of every key it can take, one
 * claim of them all (committed by itself), every send, SENT committed as the sends are accepted
 * (those accepted while one such statement runs share the next), and the failure reasons with the
 * COMMIT that ends the locks. A key another process holds, or a send that fails, comes back as
 * `failed` for the caller to retry on its own; one failure does not hold back the others. The
 * at-least-once window per message stays that of deliverOnce: from its acceptance until the
 * statement recording it commits.
 */
export async function deliverEach<C extends DeliveryClaim>(
  db: Db,
  claims: readonly C[],
  send: (claim: C) => Promise<void>,
  now: () => Date = () => new Date(),
): Promise<Map<string, EachOutcome>> {
  const outcomes = new Map<string, EachOutcome>();
  const unique = [...new Map(claims.map((c) => [c.dedupeKey, c])).values()];
  if (unique.length === 0) return outcomes;
  const pool = sqlPool(db);
  return inLockTransaction(pool, async (lock) => {
    const literal = (text: string) => lock.escapeLiteral(text);
    const [, lockedRows] = (await lock.query(
      `BEGIN; SELECT k AS key FROM unnest(ARRAY[${unique.map((c) => literal(c.dedupeKey)).join(',')}]::text[]) AS k WHERE pg_try_advisory_xact_lock(hashtextextended(k, 0))`,
    )) as unknown as [unknown, pg.QueryResult<{ key: string }>];
    const locked = new Set(lockedRows.rows.map((r) => r.key));
    const mine = unique.filter((c) => locked.has(c.dedupeKey));
    for (const claim of unique) if (!locked.has(claim.dedupeKey)) outcomes.set(claim.dedupeKey, { failed: new DeliveryBusyError() });

    const claimed = new Set<string>();
    if (mine.length) {
      const { rows } = await pool.query<{ dedupeKey: string }>({
        name: 'delivery-claim-many',
        text: CLAIM_MANY,
        values: [mine.map(() => randomUUID()), mine.map((c) => c.appointmentId), mine.map((c) => c.channel), mine.map((c) => c.kind), mine.map((c) => c.dedupeKey)],
      });
      for (const row of rows) claimed.add(row.dedupeKey);
    }
    for (const claim of mine) if (!claimed.has(claim.dedupeKey)) outcomes.set(claim.dedupeKey, 'already-sent');

    const due = mine.filter((c) => claimed.has(c.dedupeKey));
    const recorder = sentRecorder(pool, now);
    const failed: string[] = [];
    await Promise.all(
      due.map(async (claim) => {
        try {
          await send(claim);
        } catch (error) {
          failed.push(`(${literal(claim.dedupeKey)}, ${literal(failureReason(error))})`);
          outcomes.set(claim.dedupeKey, { failed: error });
          return;
        }
        outcomes.set(claim.dedupeKey, 'sent');
        recorder.add(claim.dedupeKey);
      }),
    );
    await recorder.done();
    const reasons = failed.length
      ? `UPDATE "NotificationLog" AS n SET reason = f.reason FROM (VALUES ${failed.join(',')}) AS f(key, reason) WHERE n."dedupeKey" = f.key; `
      : '';
    await lock.query(`${reasons}COMMIT`);
    return outcomes;
  });
}

/**
 * Commits SENT for accepted messages on the pool, one statement at a time: keys accepted while a
 * statement runs wait for the next, so a burst of acceptances costs a few statements, and none
 * waits longer than one statement for its record. `done` waits for the last and reports its error.
 */
function sentRecorder(pool: pg.Pool, now: () => Date) {
  let waiting: string[] = [];
  let running: Promise<void> = Promise.resolve();
  let failure: unknown;
  let busy = false;
  const flush = async (): Promise<void> => {
    busy = true;
    while (waiting.length) {
      const keys = waiting;
      waiting = [];
      try {
        await pool.query({
          name: 'delivery-sent-many',
          text: `UPDATE "NotificationLog" SET status = 'SENT', "sentAt" = $2, reason = NULL WHERE "dedupeKey" = ANY($1::text[])`,
          values: [keys, now()],
        });
      } catch (error) {
        failure ??= error;
      }
    }
    busy = false;
  };
  return {
    add(key: string) {
      waiting.push(key);
      if (!busy) running = flush();
    },
    async done() {
      await running;
      if (failure) throw failure;
    },
  };
}

/** Marks the message as given up; a later retry (from the admin) may still send it. */
export async function markDeliveryFailed(db: Db, dedupeKey: string, reason: string): Promise<void> {
  await db.notificationLog.updateMany({ where: { dedupeKey, status: { not: 'SENT' } }, data: { status: 'FAILED', reason } });
}

/** Only texts known to be free of personal data go into the log table and the dead letters. */
export function failureReason(error: unknown): string {
  if (error instanceof DeliveryError) return error.reason.slice(0, 300);
  if (error instanceof DeliveryBusyError) return error.message;
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && /^[A-Z0-9_]{2,20}$/i.test(code) ? `${error.name} ${code}` : error.name;
  }
  return 'unknown error';
}
