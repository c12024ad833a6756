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
      // Content-Security-Policy on every page: SvelteKit adds a nonce (rendered pages) or a hash
      // (prerendered ones) for its own inline start-up script, so no other script runs. Styles allow
      // inline attributes (Svelte's style directives, the municipality's colour). The staff app adds
      // the API's socket origin to connect-src at run time (security-headers.ts). The citizen app's
      // proof-of-work worker (ALTCHA) is a file of the app's origin: worker-src falls back to script-src.
      csp: {
        mode: 'auto',
        directives: {
          'default-src': ['self'],
          'script-src': ['self'],
          'style-src': ['self', 'unsafe-inline'],
          'img-src': ['self', 'data:', 'blob:'],
          'media-src': ['self', 'blob:'],
          'font-src': ['self'],
          'connect-src': ['self'],
          'object-src': ['none'],
          'base-uri': ['self'],
          'frame-ancestors': ['none'],
        },
      },
    },
  };
}
