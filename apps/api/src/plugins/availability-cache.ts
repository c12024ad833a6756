import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';

/**
 * Free times are read far more often than they change. Each location has a version number in
 * Redis, bumped after every committed booking, cancellation and reschedule there (by whichever API
 * instance made it); answers are kept in memory per version for a few seconds. So a read right
 * after a booking is computed fresh on every instance. Readers of one location share their Redis GETs
 * (see `readVersion`), so a rush of reads costs a few GETs per event-loop turn, not one per read.
 * Without Redis every read is computed.
 */
declare module 'fastify' {
  interface FastifyInstance {
    availabilityCache: {
      /** The answer as JSON text (serialised once per version, not per read) and its ETag. */
      read(locationId: string, key: string, compute: () => Promise<unknown>): Promise<{ json: string; etag: string | null }>;
      /** Call after a change to the location's bookings has been committed. */
      invalidate(locationId: string): Promise<void>;
    };
  }
}

/** Bounds how stale the time-dependent parts (lead time, "today") can get: an answer is at most twice this old. */
const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

export interface AvailabilityCacheOptions {
  /** The clock that ages answers; tests move it instead of waiting for TTL_MS to pass. */
  now?: () => Date;
}

export default fp<AvailabilityCacheOptions>(
  async (app, { now: clock = () => new Date() }) => {
    type Answer = { json: string; etag: string };
    // Holds the promise, so readers arriving while an answer is computed wait for it instead of
    // computing it again (a rush of first reads would otherwise hit the database at once).
    type Entry = { answer: Promise<Answer>; expires: number; ready: boolean; refreshing: boolean };
    const entries = new Map<string, Entry>();
    const versionKey = (locationId: string) => app.redisKey(`availability:version:${locationId}`);

    // Per location: the GET that is out, and the one that waits for it to return.
    type Lookup = { current: Promise<string | null> | null; following: Promise<string | null> | null };
    const lookups = new Map<string, Lookup>();
    const fetchVersion = (locationId: string, lookup: Lookup) => {
      const version = app.redis.get(versionKey(locationId)).then(
        (v) => v ?? '0',
        () => null,
      );
      void version.then(() => {
        if (lookup.current !== version) return;
        lookup.current = null;
        if (!lookup.following) lookups.delete(locationId);
      });
      return version;
    };
    /**
     * The location's version as Redis has it at some moment after the call: a reader joins a GET
     * only if that GET is sent after the reader arrived, so it never misses a bump that committed
     * before it asked (a GET already out may have been answered before the bump). Null without Redis.
     */
    const readVersion = (locationId: string): Promise<string | null> => {
      let lookup = lookups.get(locationId);
      if (!lookup) lookups.set(locationId, (lookup = { current: null, following: null }));
      if (!lookup.current) return (lookup.current = fetchVersion(locationId, lookup));
      const waiting = lookup;
      return (waiting.following ??= waiting.current!.then(() => {
        waiting.following = null;
        return (waiting.current = fetchVersion(locationId, waiting));
      }));
    };

    app.decorate('availabilityCache', {
      async read(locationId: string, key: string, compute: () => Promise<unknown>) {
        const version = await readVersion(locationId);
        if (version === null) return { json: JSON.stringify(await compute()), etag: null };
        const cacheKey = `${locationId}:${version}:${key}`;
        const now = clock().getTime();
        const hit = entries.get(cacheKey);
        if (hit && hit.expires > now) return hit.answer;
        const compute$ = () =>
          compute().then((value) => {
            const json = JSON.stringify(value);
            return { json, etag: `W/"${version}-${createHash('sha1').update(json).digest('base64url').slice(0, 16)}"` };
          });
        // Same version, only older than TTL_MS: no booking has changed it, only the clock has moved
        // on (lead time, today). It answers once more while one reader computes its successor in the
        // background, so readers never wait for the periodic refresh; a start that has just become
        // too soon is still refused by the booking itself.
        if (hit && hit.ready && now - hit.expires < TTL_MS) {
          if (!hit.refreshing) {
            hit.refreshing = true;
            const next = compute$();
            next.then(
              () => entries.set(cacheKey, { answer: next, expires: clock().getTime() + TTL_MS, ready: true, refreshing: false }),
              () => (hit.refreshing = false),
            );
          }
          return hit.answer;
        }
        const answer = compute$();
        const entry: Entry = { answer, expires: now + TTL_MS, ready: false, refreshing: false };
        if (entries.size >= MAX_ENTRIES) entries.clear();
        entries.set(cacheKey, entry);
        answer.then(
          () => (entry.ready = true),
          // A failure is not kept: the next reader tries again.
          () => entries.get(cacheKey) === entry && entries.delete(cacheKey),
        );
        return answer;
      },
      async invalidate(locationId: string) {
        await app.redis.incr(versionKey(locationId)).catch((error: Error) => {
          // Without the bump other instances may serve this location's old answers for up to TTL_MS.
          app.log.warn({ err: { message: error.message } }, 'availability version not bumped');
        });
      },
    });
  },
  { name: 'availability-cache', dependencies: ['redis'] },
);
