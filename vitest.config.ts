import { defineConfig } from 'vitest/config';

// One run covers every workspace project; each project brings its own vitest.config.ts.
export default defineConfig({
  test: {
    globalSetup: ['scripts/test-global-setup.ts'],
    projects: ['packages/*', 'apps/*', 'infra/*'],
  },
});
