import { rootLayoutLoad } from '@termin/web-kit';
import { analyticsScript } from '$lib/server/kit';
import { loadPortal, logoOnThisOrigin } from '$lib/server/portal';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
  const portal = await loadPortal(event);
  return {
    ...rootLayoutLoad(event),
    // Only what every page shows; the legal pages load their texts themselves.
    chrome: portal ? { name: portal.name, logoUrl: logoOnThisOrigin(portal), easy: event.locals.easy } : null,
    easy: event.locals.easy,
    primaryColor: portal?.primaryColor ?? null,
    analytics: analyticsScript(event),
  };
};
