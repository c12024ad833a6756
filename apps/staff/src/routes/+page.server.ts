import { redirect } from '@sveltejs/kit';
import { counterListResponse } from '@termin/contracts';
import { kit } from '$lib/server/kit';
import { rememberedCounterId } from '$lib/server/counter-cookie';
import type { PageServerLoad } from './$types';

type Screen = 'queue' | 'kiosk' | 'display';

/** Which screens a role works with; a kiosk or display device has exactly one. */
function screensOf(roles: readonly string[]): Screen[] {
  if (roles.includes('staff') || roles.includes('admin')) return ['queue', 'kiosk', 'display'];
  if (roles.includes('kiosk')) return ['kiosk'];
  if (roles.includes('display')) return ['display'];
  return [];
}

export const load: PageServerLoad = async (event) => {
  const home = await kit.signedInHome(event);
  const roles = event.locals.session?.user.roles ?? [];
  const screens = screensOf(roles);
  const locations = home.locations;
  // A device at one office has one screen: it goes there, so nobody has to touch a kiosk's home page.
  if (locations?.length === 1 && screens.length === 1) redirect(303, `/${screens[0]}/${locations[0]!.id}${event.url.search}`);

  const counters =
    screens.includes('queue') && locations
      ? await Promise.all(
          locations.map(async (location) => {
            const id = rememberedCounterId(event.cookies, location.id);
            if (!id) return null;
            const list = await kit.api(event).get(`/api/v1/locations/${location.id}/counters`, counterListResponse);
            return list.ok ? (list.data.counters.find((c) => c.id === id)?.name ?? null) : null;
          }),
        )
      : [];
  return {
    ...home,
    screens,
    locations: locations?.map((location, i) => ({ id: location.id, name: location.name, counter: counters[i] ?? null })) ?? null,
  };
};
