import { defineProject } from 'vitest/config';

// The tests drive the production build as its own process in a real browser, so the SvelteKit
// plugin stays out of this config and the root vitest run needs nothing app-specific.
export default defineProject({
  test: {
    name: 'admin-e2e',
    // Test files share the modules they import (each still starts its own servers and browser).
    isolate: false,
    environment: 'node',
    include: ['tests/**/*.e2e.test.ts'],
    testTimeout: 30_000,
    // beforeAll may have to build the app first.
    hookTimeout: 300_000,
  },
});
