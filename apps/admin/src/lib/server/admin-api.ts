import type { RequestEvent } from '@sveltejs/kit';
import { adminCounterList, adminLocation, adminLocationList, adminServiceList } from '@termin/contracts';
import { dataOrError } from '@termin/web-kit';
import { kit } from './kit';

type Event = Pick<RequestEvent, 'fetch' | 'getClientAddress' | 'locals'>;

export const locationPath = (id: string) => `/api/v1/admin/locations/${encodeURIComponent(id)}`;

export async function loadLocations(event: Event) {
  return dataOrError(await kit.api(event).get('/api/v1/admin/locations', adminLocationList)).locations;
}

export async function loadLocation(event: Event, id: string) {
  return dataOrError(await kit.api(event).get(locationPath(id), adminLocation));
}

export async function loadServices(event: Event) {
  return dataOrError(await kit.api(event).get('/api/v1/admin/services', adminServiceList)).services;
}

export async function loadCounters(event: Event, locationId: string) {
  return dataOrError(await kit.api(event).get(`${locationPath(locationId)}/counters`, adminCounterList)).counters;
}

/** The signed-in user's roles in this app: what the home offers depends on them. */
export function rolesOf(event: Pick<RequestEvent, 'locals'>) {
  const roles = event.locals.session?.user.roles ?? [];
  return { admin: roles.includes('admin'), platform: roles.includes('platform-admin') };
}
