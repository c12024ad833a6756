import { defineConfig } from 'vitest/config';

// One run covers every workspace project; each project brings its own vitest.config.ts.
export default defineConfig({
  test: {
    globalSetup: ['scripts/test-global-setup.ts'],
    // Most test files wait on PostgreSQL, Redis, a browser or a child process, not on the CPU: three
    // files at a time on two cores keep both busy (TERMIN_TEST_WORKERS overrides it).
    maxWorkers: Number(process.env.TERMIN_TEST_WORKERS ?? 3),
    projects: ['packages/*', 'apps/*', 'infra/*'],
  },
});
