import { error, json } from '@sveltejs/kit';
import { socketTicketResponse } from '@termin/contracts';
import { kit } from '$lib/server/kit';
import type { RequestHandler } from './$types';

/**
 * Browser code of the live screens asks here for a one-time WebSocket ticket. This server holds the
 * session's access token and exchanges it at the API; the page only ever sees the 30-second ticket.
 * POST with a JSON answer: other sites cannot read it (no CORS), and forms cannot trigger it usefully.
 */
export const POST: RequestHandler = async (event) => {
  if (!event.locals.session) error(401, { message: 'unauthorized' });
  const result = await kit.api(event).post('/api/v1/socket-tickets', socketTicketResponse);
  if (!result.ok) error(result.status === 403 ? 403 : 502, { message: 'ticket_unavailable' });
  const api = new URL(kit.settings().publicApiUrl);
  api.protocol = api.protocol === 'https:' ? 'wss:' : 'ws:';
  api.pathname = '/api/v1/queue/ws';
  return json({ ticket: result.data.ticket, expiresInSeconds: result.data.expiresInSeconds, socketUrl: api.toString() });
};
