import { sequence } from '@sveltejs/kit/hooks';
import { easyLanguageHandle } from '$lib/server/easy-language';
import { kit } from '$lib/server/kit';

export const handle = sequence(kit.handle, easyLanguageHandle);
