import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import { clientNetworks, TooManyError } from '@termin/domain';

export interface BookingBudgetLimits {
  perAddress: number;
  perNetwork: number;
  windowMs: number;
}

// One script, so checking both counters and taking a place on each is one atomic step for every API
// instance: two racing bookings can never both take the last place. Returns { 1 } or { 0, ms to wait }.
const RESERVE = `
local limits = { tonumber(ARGV[1]), tonumber(ARGV[2]) }
for i = 1, 2 do
  if tonumber(redis.call('GET', KEYS[i]) or '0') >= limits[i] then
    local ttl = redis.call('PTTL', KEYS[i])
    return { 0, ttl > 0 and ttl or tonumber(ARGV[3]) }
  end
end
for i = 1, 2 do
  if redis.call('INCR', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[3]) end
end
return { 1 }
`;

const RELEASE = `
for i = 1, 2 do
  if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
end
return 1
`;

/**
 * The per-address and per-network budget of online bookings. A place is reserved before the booking
 * and given back when the request booked nothing (refused, or the replay of an earlier booking), so
 * only bookings made count. If Redis is away, bookings go through (as the rate limiter does): the
 * per-contact limit in PostgreSQL still holds.
 */
export function createBookingBudget({
  redis,
  redisKey,
  limits,
  log,
}: {
  redis: Redis;
  redisKey: (name: string) => string;
  limits: BookingBudgetLimits;
  log: FastifyBaseLogger;
}) {
  const keysOf = (clientAddress: string) => {
    const { address, network } = clientNetworks(clientAddress);
    return [redisKey(`booking-budget:address:${address}`), redisKey(`booking-budget:network:${network}`)];
  };
  return {
    /** Takes one place for this address; throws `booking_budget_exceeded` (429) when none is left. Returns the release. */
    async reserve(clientAddress: string): Promise<() => Promise<void>> {
      const keys = keysOf(clientAddress);
      let answer: [number, number?];
      try {
        answer = (await redis.eval(RESERVE, 2, ...keys, limits.perAddress, limits.perNetwork, limits.windowMs)) as [number, number?];
      } catch (error) {
        log.warn({ err: { message: (error as Error).message } }, 'booking budget not counted: redis unavailable');
        return async () => undefined;
      }
      if (answer[0] !== 1) throw new TooManyError('booking_budget_exceeded', Math.max(1, Math.ceil((answer[1] ?? limits.windowMs) / 1000)));
      return async () => {
        await redis.eval(RELEASE, 2, ...keys).catch(() => undefined);
      };
    },
  };
}
