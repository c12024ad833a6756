import { svelteConfig } from '@termin/web-kit/svelte-config';

export default svelteConfig();
