import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { StaffUser } from '../plugins/auth';

/** Long enough for a page to open its socket, short enough that a leaked ticket is useless. */
const SOCKET_TICKET_TTL_SECONDS = 30;

/**
 * Staff screens open the WebSocket from browser code, which never sees an access token: the app's
 * server exchanges its session token for a one-time ticket and hands only the ticket to the page.
 */
export function createSocketTickets({ redis, redisKey }: { redis: Redis; redisKey: (name: string) => string }) {
  const key = (ticket: string) => redisKey(`socket-ticket:${ticket}`);
  return {
    async issue(user: StaffUser): Promise<{ ticket: string; expiresInSeconds: number }> {
      const ticket = randomBytes(24).toString('base64url');
      await redis.set(key(ticket), JSON.stringify(user), 'EX', SOCKET_TICKET_TTL_SECONDS);
      return { ticket, expiresInSeconds: SOCKET_TICKET_TTL_SECONDS };
    },
    /** Redeems a ticket exactly once (GETDEL): the user it was issued to, or null. */
    async redeem(ticket: string): Promise<StaffUser | null> {
      if (!/^[A-Za-z0-9_-]{32}$/.test(ticket)) return null;
      const stored = await redis.getdel(key(ticket));
      return stored ? (JSON.parse(stored) as StaffUser) : null;
    },
  };
}
