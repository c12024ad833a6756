import { legalText, loadPortal } from '$lib/server/portal';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({ text: legalText(await loadPortal(event), 'imprint', event.locals.lang) });
