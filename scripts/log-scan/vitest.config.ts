import { defineConfig } from 'vitest/config';

// Run by scripts/run-tests.ts after the whole suite, over the log lines it kept (TERMIN_LOG_CAPTURE_DIR).
export default defineConfig({
  test: {
    name: 'log-scan',
    root: import.meta.dirname,
    include: ['*.test.ts'],
  },
});
