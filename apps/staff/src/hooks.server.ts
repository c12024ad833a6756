import { kit } from '$lib/server/kit';

export const handle = kit.handle;
