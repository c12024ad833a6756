import { error, json } from '@sveltejs/kit';
import { env as publicEnv } from '$env/dynamic/public';
import { apiBaseUrl } from '$lib/server/config';
import type { RequestHandler } from './$types';

/**
 * Browser code of the live screens asks here for a one-time WebSocket ticket. This server holds the
 * session's access token and exchanges it at the API; the page only ever sees the 30-second ticket.
 * POST with a JSON answer: other sites cannot read it (no CORS), and forms cannot trigger it usefully.
 */
export const POST: RequestHandler = async ({ locals, fetch }) => {
  const session = locals.session;
  if (!session) error(401, { message: 'unauthorized' });
  const res = await fetch(`${apiBaseUrl()}/api/v1/socket-tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.accessToken}` },
  });
  if (!res.ok) error(res.status === 403 ? 403 : 502, { message: 'ticket_unavailable' });
  const { ticket, expiresInSeconds } = (await res.json()) as { ticket: string; expiresInSeconds: number };
  const api = new URL(publicEnv.PUBLIC_API_URL || apiBaseUrl());
  api.protocol = api.protocol === 'https:' ? 'wss:' : 'ws:';
  api.pathname = '/api/v1/queue/ws';
  return json({ ticket, expiresInSeconds, socketUrl: api.toString() });
};
