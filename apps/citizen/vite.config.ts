import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  // The booking challenge's worker stays a file of this origin: inlined as a data: URL the CSP
  // (worker-src falling back to script-src 'self') would rightly refuse it.
  build: { assetsInlineLimit: (file: string) => (file.includes('altcha') ? false : undefined) },
  server: { port: 3000, strictPort: true },
  preview: { port: 3000, strictPort: true },
});
