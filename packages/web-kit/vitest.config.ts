import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'web-kit', isolate: false, include: ['test/**/*.test.ts'] } });
