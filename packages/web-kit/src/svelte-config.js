import { fileURLToPath } from 'node:url';
import adapter from '@sveltejs/adapter-node';

/** The SvelteKit settings the three apps share. @returns {import('@sveltejs/kit').Config} */
export function svelteConfig() {
  return {
    compilerOptions: {
      // Our own components use runes only; libraries from node_modules decide for themselves.
      runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true),
    },
    kit: {
      adapter: adapter(),
      // One page template for the three apps (language from the kit's handle hook).
      files: { appTemplate: fileURLToPath(new URL('./app.html', import.meta.url)) },
    },
  };
}
