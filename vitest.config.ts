import { defineConfig } from 'vitest/config';

// One run covers every workspace project; each project brings its own vitest.config.ts.
export default defineConfig({
  test: {
    globalSetup: ['scripts/test-global-setup.ts'],
    // Most test files wait on PostgreSQL, Redis, a browser or a child process, not on the CPU: three
    // files at a time on two cores keep both busy (TERMIN_TEST_WORKERS overrides it).
    maxWorkers: Number(process.env.TERMIN_TEST_WORKERS ?? 3),
    // Every project runs its files with isolate: false, so a worker imports Fastify, Prisma, BullMQ
    // and Playwright once, not once per file (the api project: 81 s → 40 s). A test file therefore
    // keeps no state in shared modules: it builds its own app, database and browser.
    projects: ['packages/*', 'apps/*', 'infra/*'],
  },
});
