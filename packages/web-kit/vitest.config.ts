import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'web-kit', include: ['test/**/*.test.ts'] } });
