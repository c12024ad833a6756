import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'dev-idp', isolate: false } });
