import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'keycloak', isolate: false } });
