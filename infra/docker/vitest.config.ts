import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'deploy', isolate: false, include: ['test/**/*.test.ts'] } });
