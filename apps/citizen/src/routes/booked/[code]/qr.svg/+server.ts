import { error } from '@sveltejs/kit';
import { apiBaseUrl } from '$lib/server/config';
import type { RequestHandler } from './$types';

/** The check-in QR code from the API, served from this origin (the page's CSP and cookies stay simple). */
export const GET: RequestHandler = async ({ params, fetch }) => {
  const res = await fetch(`${apiBaseUrl()}/api/v1/appointments/by-code/${encodeURIComponent(params.code)}/qr.svg`).catch(() => null);
  if (!res?.ok) error(res?.status === 404 ? 404 : 502, 'qr unavailable');
  return new Response(await res.text(), { headers: { 'content-type': 'image/svg+xml', 'cache-control': 'private, max-age=86400' } });
};
