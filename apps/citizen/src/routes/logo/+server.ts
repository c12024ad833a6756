import { error } from '@sveltejs/kit';
import { kit, tenantSlug } from '$lib/server/kit';
import type { RequestHandler } from './$types';

/** The municipality's logo from the API, served from this origin; the address changes with every new logo. */
export const GET: RequestHandler = async (event) => {
  const v = event.url.searchParams.get('v') ?? '';
  const result = await kit.api(event).file(`/api/v1/tenants/${encodeURIComponent(tenantSlug(event))}/logo?v=${encodeURIComponent(v)}`);
  if (!result.ok) error(result.status === 404 ? 404 : 502, 'logo unavailable');
  const type = result.data.headers.get('content-type') ?? '';
  if (!/^image\/(png|jpeg|webp)$/.test(type)) error(502, 'logo unavailable');
  return new Response(await result.data.arrayBuffer(), {
    headers: { 'content-type': type, 'cache-control': 'public, max-age=86400', 'x-content-type-options': 'nosniff' },
  });
};
