import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createChallenge, extractParams, verifySolution } from 'altcha-lib';
import type { BookingChallengeView } from '@termin/contracts';
import { sqlRows, type Db } from '@termin/db';
import { ForbiddenError } from '@termin/domain';

export interface BookingChallengeSettings {
  /** HMAC key of the ALTCHA challenges and the wait tokens. */
  hmacKey: string;
  /** How long a challenge or wait token stays valid. */
  expiresMs: number;
  /** Without JavaScript: how long after the form was shown it may be sent. */
  waitMs: number;
  /** The proof-of-work's size: a browser needs on average half of it in hash rounds. */
  maxNumber: number;
}

export interface ChallengeSlot {
  tenant: string;
  locationId: string;
  serviceId: string;
  startsAt: string;
}

export interface ChallengeProof {
  /** The ALTCHA widget's payload (base64 JSON). */
  altcha?: string;
  /** The signed "not before" token of a form shown without JavaScript. */
  waitToken?: string;
}

// Claims a proof once for its lifetime (SET NX PX); the same booking request repeated with its
// idempotency key may pass again: the booking service answers it with the same booking.
const CLAIM = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('GET', KEYS[1]) == ARGV[1] then return 1 end
return 0
`;
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

const REQUIRED = 'SELECT "bookingChallenge" FROM "Tenant" WHERE slug = $1';

const instant = (iso: string) => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString();
};

/**
 * The rush-day challenge before an online booking (`Tenant.bookingChallenge`): an ALTCHA
 * proof-of-work the browser solves, or for a form shown without JavaScript a signed token valid
 * only some seconds after it was issued. Either is used up by the booking it let through.
 */
export function createBookingChallenge({
  db,
  redis,
  redisKey,
  settings,
  now,
}: {
  db: Db;
  redis: Redis;
  redisKey: (name: string) => string;
  settings: BookingChallengeSettings;
  now: () => Date;
}) {
  // Asked by every booking: a prepared statement, not the ORM (see sqlRows).
  const required = async (tenant: string) =>
    (await sqlRows<{ bookingChallenge: boolean }>(db, { name: 'booking-challenge-required', text: REQUIRED, values: [tenant] }))[0]?.bookingChallenge ?? false;

  const waitSignature = (slot: ChallengeSlot, notBefore: number, expires: number) =>
    createHmac('sha256', settings.hmacKey)
      .update(['wait', slot.tenant, slot.locationId, slot.serviceId, instant(slot.startsAt), notBefore, expires].join('|'))
      .digest('base64url');

  /** The claim's key and lifetime (until the proof expires), or a refusal. */
  async function checkProof(slot: ChallengeSlot, proof: ChallengeProof): Promise<{ key: string; ttlMs: number }> {
    const at = now().getTime();
    if (proof.altcha) {
      let params: Record<string, string>;
      let signature: string;
      try {
        const payload = JSON.parse(Buffer.from(proof.altcha, 'base64').toString('utf8')) as { signature?: unknown };
        if (typeof payload.signature !== 'string') throw new Error('no signature');
        signature = payload.signature;
        params = extractParams(payload as Parameters<typeof extractParams>[0]);
      } catch {
        throw new ForbiddenError('booking_challenge_invalid');
      }
      const expires = Number(params.expires) * 1000;
      // The expiry is part of the signed salt; checked against our clock, not the library's.
      if (params.tenant !== slot.tenant || !Number.isFinite(expires) || expires <= at || !(await verifySolution(proof.altcha, settings.hmacKey, false)))
        throw new ForbiddenError('booking_challenge_invalid');
      return { key: redisKey(`booking-challenge:used:${signature}`), ttlMs: expires - at };
    }
    if (proof.waitToken) {
      const [nb, exp, signature = ''] = proof.waitToken.split('.');
      const notBefore = Number(nb);
      const expires = Number(exp);
      const expected = Buffer.from(waitSignature(slot, notBefore, expires));
      const given = Buffer.from(signature);
      if (!Number.isSafeInteger(notBefore) || !Number.isSafeInteger(expires) || given.length !== expected.length || !timingSafeEqual(given, expected) || expires <= at)
        throw new ForbiddenError('booking_challenge_invalid');
      if (at < notBefore) throw new ForbiddenError('booking_challenge_wait', { seconds: Math.ceil((notBefore - at) / 1000) });
      return { key: redisKey(`booking-challenge:used:${signature}`), ttlMs: expires - at };
    }
    throw new ForbiddenError('booking_challenge_required');
  }

  return {
    /** What the booking form needs: nothing where the tenant has the challenge off. */
    async issue(slot: ChallengeSlot): Promise<BookingChallengeView> {
      if (!(await required(slot.tenant))) return { required: false };
      const at = now().getTime();
      const expires = at + settings.expiresMs;
      const notBefore = at + settings.waitMs;
      const altcha = await createChallenge({ hmacKey: settings.hmacKey, maxNumber: settings.maxNumber, expires: new Date(expires), params: { tenant: slot.tenant } });
      return {
        required: true,
        altcha: { algorithm: altcha.algorithm, challenge: altcha.challenge, maxnumber: settings.maxNumber, salt: altcha.salt, signature: altcha.signature },
        waitToken: `${notBefore}.${expires}.${waitSignature(slot, notBefore, expires)}`,
        waitSeconds: Math.ceil(settings.waitMs / 1000),
      };
    },

    /**
     * Where the tenant has the challenge on, checks the proof and claims it (refused with 403 when
     * missing, forged, expired, too early or already used). Returns the release for a request
     * that booked nothing, so a refused booking can be sent again with the same proof.
     */
    async claim(slot: ChallengeSlot, proof: ChallengeProof, idempotencyKey?: string): Promise<() => Promise<void>> {
      if (!(await required(slot.tenant))) return async () => undefined;
      const { key, ttlMs } = await checkProof(slot, proof);
      const owner = idempotencyKey ? `key:${idempotencyKey}` : `once:${randomUUID()}`;
      const claimed = (await redis.eval(CLAIM, 1, key, owner, Math.max(1, Math.ceil(ttlMs)))) as number;
      if (claimed !== 1) throw new ForbiddenError('booking_challenge_invalid');
      return async () => {
        await redis.eval(RELEASE, 1, key, owner).catch(() => undefined);
      };
    },
  };
}
