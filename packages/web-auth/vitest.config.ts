import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'web-auth', include: ['test/**/*.test.ts'], testTimeout: 30_000 } });
