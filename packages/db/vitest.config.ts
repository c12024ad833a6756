import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'db', isolate: false, include: ['test/**/*.test.ts'] } });
