import { loadServices } from '$lib/server/admin-api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({ services: await loadServices(event) });
