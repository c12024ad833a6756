import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponse, socketTicketResponse } from '@termin/contracts';
import { currentUser, type StaffUser } from '../plugins/auth';

/** Long enough for a page to open its socket, short enough that a leaked ticket is useless. */
export const SOCKET_TICKET_TTL_SECONDS = 30;

const ticketKey = (app: { redisKey(name: string): string }, ticket: string) => app.redisKey(`socket-ticket:${ticket}`);

/**
 * Staff screens open the WebSocket from browser code, which never sees an access token: the app's
 * server exchanges its session token for a one-time ticket here and hands only the ticket to the page.
 */
const socketTicketRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/v1/socket-tickets', {
    config: { access: { roles: ['staff', 'admin', 'kiosk', 'display'] } },
    schema: {
      tags: ['live'],
      summary: 'A one-time ticket (30 s) that authenticates a WebSocket subscription',
      security: [{ bearer: [] }],
      response: { 201: socketTicketResponse, 401: errorResponse, 403: errorResponse },
    },
  }, async (request, reply) => {
    const user = currentUser(request);
    const ticket = randomBytes(24).toString('base64url');
    await app.redis.set(ticketKey(app, ticket), JSON.stringify(user), 'EX', SOCKET_TICKET_TTL_SECONDS);
    return reply.status(201).send({ ticket, expiresInSeconds: SOCKET_TICKET_TTL_SECONDS });
  });
};

/** Redeems a ticket exactly once (GETDEL): the user it was issued to, or null. */
export async function redeemSocketTicket(
  app: { redis: { getdel(key: string): Promise<string | null> }; redisKey(name: string): string },
  ticket: string,
): Promise<StaffUser | null> {
  if (!/^[A-Za-z0-9_-]{32}$/.test(ticket)) return null;
  const stored = await app.redis.getdel(ticketKey(app, ticket));
  return stored ? (JSON.parse(stored) as StaffUser) : null;
}

export default socketTicketRoutes;
