import { error, type RequestEvent } from '@sveltejs/kit';
import { meResponse, type Me } from '@termin/contracts';
import { dataOrError } from '@termin/web-kit';
import { kit } from './kit';

export type WorkLocation = Me['locations'][number] & { tenantSlug: string };

/** Refuses the page with 403 unless the user has one of `roles` (the app guard already let them in). */
export function requireRole(locals: App.Locals, roles: readonly string[]): void {
  const userRoles = locals.session?.user.roles ?? [];
  if (!userRoles.some((role) => roles.includes(role))) error(403, 'forbidden');
}

/** The location of the page, if it is one of the user's; otherwise 404 (as the API does for foreign ids). */
export async function workLocation(event: RequestEvent, locationId: string): Promise<WorkLocation> {
  const me = dataOrError(await kit.api(event).get('/api/v1/me', meResponse));
  const location = me.locations.find((l) => l.id === locationId);
  if (!location) error(404, 'not_found');
  return { ...location, tenantSlug: me.tenant.slug };
}
