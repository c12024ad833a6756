import { kit } from '$lib/server/kit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => kit.signedInHome(event);
