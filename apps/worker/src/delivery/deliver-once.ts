import { TX_OPTIONS, type Db } from '@termin/db';
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
 */
export async function deliverOnce(db: Db, claim: DeliveryClaim, send: () => Promise<void | Withheld>, now: () => Date = () => new Date()): Promise<DeliveryOutcome> {
  await db.notificationLog.createMany({
    data: [{ dedupeKey: claim.dedupeKey, channel: claim.channel, kind: claim.kind, appointmentId: claim.appointmentId }],
    skipDuplicates: true,
  });

  return db.$transaction(
    async (lockTx) => {
      const [lock] = await lockTx.$queryRaw<{ locked: boolean }[]>`
        SELECT pg_try_advisory_xact_lock(hashtextextended(${claim.dedupeKey}, 0)) AS locked`;
      if (!lock?.locked) throw new DeliveryBusyError();

      // The row updates run outside the lock's transaction, so they are committed at once.
      const claimed = await db.notificationLog.updateMany({
        where: { dedupeKey: claim.dedupeKey, status: { not: 'SENT' } },
        data: { status: 'PENDING', attempts: { increment: 1 }, reason: null },
      });
      if (claimed.count === 0) return 'already-sent';

      let withheld: void | Withheld;
      try {
        withheld = await send();
      } catch (error) {
        await db.notificationLog.update({ where: { dedupeKey: claim.dedupeKey }, data: { reason: failureReason(error) } });
        throw error;
      }
      if (withheld) {
        await db.notificationLog.update({ where: { dedupeKey: claim.dedupeKey }, data: { status: 'FAILED', reason: withheld.withheld.slice(0, 300) } });
        return 'withheld';
      }
      await db.notificationLog.update({ where: { dedupeKey: claim.dedupeKey }, data: { status: 'SENT', sentAt: now(), reason: null } });
      return 'sent';
    },
    // Longer than the mailer's own connection, greeting and socket timeouts together.
    { ...TX_OPTIONS, timeout: 120_000 },
  );
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
