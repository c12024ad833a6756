import { error } from '@sveltejs/kit';
import type { Me } from '@termin/contracts';
import { api } from './api';

export type WorkLocation = Me['locations'][number] & { tenantSlug: string };

/** The location of the page, if it is one of the user's; otherwise 404 (as the API does for foreign ids). */
export async function workLocation(event: Parameters<typeof api>[0], locationId: string): Promise<WorkLocation> {
  const me = await api<Me>(event, '/api/v1/me');
  const location = me.locations.find((l) => l.id === locationId);
  if (!location) error(404, 'not_found');
  return { ...location, tenantSlug: me.tenant.slug };
}
