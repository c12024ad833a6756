import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, sqlPool, type Db } from '@termin/db';
import { DeliveryError } from '@termin/notifications';
import { createTestDatabase, type TestDatabase } from '@termin/testkit/database';
import { deliverEach, type DeliveryClaim } from '../src/delivery/deliver-once';
import { book, seedPlace, type DemoPlace } from './support/bookings';

let database: TestDatabase;
let db: Db;
let other: Db;
let place: DemoPlace;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrismaClient({ databaseUrl: database.url });
  // Another worker process: its own pool, its own connections and advisory locks.
  other = createPrismaClient({ databaseUrl: database.url });
  place = await seedPlace(db);
});

afterAll(async () => {
  await other?.$disconnect();
  await db?.$disconnect();
  await database?.drop();
});

let nextStart = Date.now() + 5 * 24 * 3600_000;
async function claims(n: number): Promise<DeliveryClaim[]> {
  const out: DeliveryClaim[] = [];
  for (let i = 0; i < n; i++) {
    nextStart += 15 * 60_000;
    const booking = await book(db, place, { startsAt: new Date(nextStart) });
    out.push({ dedupeKey: `email:confirmation:${booking.id}:0`, channel: 'EMAIL', kind: 'confirmation', appointmentId: booking.id });
  }
  return out;
}

const rows = (keys: string[]) => db.notificationLog.findMany({ where: { dedupeKey: { in: keys } } });

describe('delivering a run of messages at once', () => {
  it('records only what was sent; a failed send and a key held elsewhere come back failed, nothing else held back', async () => {
    const [ok, failing, held] = await claims(3);
    // Another process is sending `held` right now: it holds the key's lock in a transaction.
    const holder = await sqlPool(other).connect();
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [held!.dedupeKey]);

    const refusal = new DeliveryError('email', 451, 'SMTP 451 mailbox temporarily unavailable', true);
    const sent: string[] = [];
    const outcomes = await deliverEach(db, [ok!, failing!, held!], async (claim) => {
      if (claim === failing) throw refusal;
      sent.push(claim.dedupeKey);
    });
    await holder.query('COMMIT');
    holder.release();

    expect(sent).toEqual([ok!.dedupeKey]);
    expect(outcomes.get(ok!.dedupeKey)).toBe('sent');
    expect(outcomes.get(failing!.dedupeKey)).toEqual({ failed: refusal });
    expect(outcomes.get(held!.dedupeKey)).toMatchObject({ failed: { name: 'DeliveryBusyError' } });
    const log = Object.fromEntries((await rows([ok!, failing!, held!].map((c) => c.dedupeKey))).map((r) => [r.dedupeKey, r]));
    expect(log[ok!.dedupeKey]).toMatchObject({ status: 'SENT', attempts: 1, reason: null });
    expect(log[ok!.dedupeKey]!.sentAt).toBeInstanceOf(Date);
    // Claimed and tried once; the reason is kept for the admin, the retry may still send it.
    expect(log[failing!.dedupeKey]).toMatchObject({ status: 'PENDING', attempts: 1, reason: expect.stringContaining('451') });
    // Never claimed here: the other process owns it.
    expect(log[held!.dedupeKey]).toBeUndefined();

    // The same run again: the sent one is not sent twice, the other two go out now.
    const again: string[] = [];
    const second = await deliverEach(db, [ok!, failing!, held!], async (claim) => void again.push(claim.dedupeKey));
    expect(again.sort()).toEqual([failing!.dedupeKey, held!.dedupeKey].sort());
    expect(second.get(ok!.dedupeKey)).toBe('already-sent');
    const after = await rows([failing!.dedupeKey, held!.dedupeKey]);
    expect(after.map((r) => [r.dedupeKey === failing!.dedupeKey ? 'failing' : 'held', r.status, r.attempts]).sort()).toEqual([
      ['failing', 'SENT', 2],
      ['held', 'SENT', 1],
    ]);
  });

  it('two processes racing over the same run send every message exactly once', async () => {
    const run = await claims(12);
    const sends = new Map<string, number>();
    const send = async (claim: DeliveryClaim) => {
      sends.set(claim.dedupeKey, (sends.get(claim.dedupeKey) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 5));
    };
    // Each message is sent by whichever takes its lock first; the other finds it busy or already sent.
    const [a, b] = await Promise.all([deliverEach(db, run, send), deliverEach(other, [...run].reverse(), send)]);

    expect([...sends.values()].every((n) => n === 1)).toBe(true);
    expect(sends.size).toBe(12);
    for (const claim of run) expect([a.get(claim.dedupeKey), b.get(claim.dedupeKey)]).toContain('sent');
    expect((await rows(run.map((c) => c.dedupeKey))).every((r) => r.status === 'SENT' && r.attempts === 1)).toBe(true);
  });
});
