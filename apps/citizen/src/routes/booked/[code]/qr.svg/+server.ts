import { error } from '@sveltejs/kit';
import { kit } from '$lib/server/kit';
import type { RequestHandler } from './$types';

/** The check-in QR code from the API, served from this origin (the page's CSP and cookies stay simple). */
export const GET: RequestHandler = async (event) => {
  const result = await kit.api(event).file(`/api/v1/appointments/by-code/${encodeURIComponent(event.params.code)}/qr.svg`);
  if (!result.ok) error(result.status === 404 ? 404 : 502, 'qr unavailable');
  return new Response(await result.data.text(), { headers: { 'content-type': 'image/svg+xml', 'cache-control': 'private, max-age=86400' } });
};
