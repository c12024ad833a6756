import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponse, socketTicketResponse } from '@termin/contracts';
import { currentUser } from '../plugins/auth';

/**
 * Staff screens open the WebSocket from browser code, which never sees an access token: the app's
 * server exchanges its session token for a one-time ticket here and hands only the ticket to the page.
 */
const socketTicketRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/v1/socket-tickets',
    {
      config: { access: { roles: ['staff', 'admin', 'kiosk', 'display'] } },
      schema: {
        tags: ['live'],
        summary: 'A one-time ticket (30 s) that authenticates a WebSocket subscription',
        security: [{ bearer: [] }],
        response: { 201: socketTicketResponse, 401: errorResponse, 403: errorResponse },
      },
    },
    async (request, reply) => reply.status(201).send(await app.services.socketTickets.issue(currentUser(request))),
  );
};

export default socketTicketRoutes;
