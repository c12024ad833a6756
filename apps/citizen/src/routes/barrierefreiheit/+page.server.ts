import { legalText, loadPortal } from '$lib/server/portal';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const portal = await loadPortal(event);
  return {
    text: legalText(portal, 'accessibility', event.locals.lang),
    // The feedback mechanism the statement must name (BITV 2.0 § 7).
    feedback: { email: portal?.legal.accessibilityContactEmail ?? null, address: portal?.legal.accessibilityContactAddress ?? null },
  };
};
