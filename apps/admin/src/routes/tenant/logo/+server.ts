import { error } from '@sveltejs/kit';
import { adminTenantSettings } from '@termin/contracts';
import { kit } from '$lib/server/kit';
import type { RequestHandler } from './$types';

/** The municipality's current logo for the settings screen, from the API through this origin. */
export const GET: RequestHandler = async (event) => {
  const settings = await kit.api(event).get('/api/v1/admin/tenant', adminTenantSettings);
  if (!settings.ok) error(settings.status, settings.error.message);
  if (!settings.data.logoUrl) error(404, 'no logo');
  const file = await kit.api(event).file(settings.data.logoUrl);
  const type = file.ok ? (file.data.headers.get('content-type') ?? '') : '';
  if (!file.ok || !/^image\/(png|jpeg|webp)$/.test(type)) error(502, 'logo unavailable');
  return new Response(await file.data.arrayBuffer(), { headers: { 'content-type': type, 'cache-control': 'private, no-cache', 'x-content-type-options': 'nosniff' } });
};
