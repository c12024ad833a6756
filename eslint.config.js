import { defineConfig, globalIgnores } from 'eslint/config';
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

// Database access stays on the server: the Prisma client holds the connection string, and a browser bundle must never pull it in.
const database = [
  { name: '@prisma/client', message: 'The database is reached through the API, never from this code.' },
  { name: '@termin/db', message: 'The database is reached through the API, never from this code.' },
];
const generatedPrisma = {
  group: ['@prisma/client/*', '@termin/db/*', '**/generated/prisma', '**/generated/prisma/*'],
  message: 'The Prisma client stays on the server.',
};

// Browser code of the SvelteKit apps: everything under src that SvelteKit may ship to the browser.
const webApps = ['apps/citizen/src', 'apps/staff/src', 'apps/admin/src', 'packages/ui/src'];
const serverOnly = ['**/*.server.ts', '**/*.server.js', '**/+server.ts', '**/+server.js', '**/lib/server/**', 'packages/ui/src/server/**'];

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    '**/build/',
    '**/dist/',
    '**/.svelte-kit/',
    '**/.turbo/',
    '**/coverage/',
    '.data/',
    '.test-results/',
    'packages/db/src/generated/',
    'prisma/migrations/',
  ]),
  js.configs.recommended,
  ts.configs.recommended,
  svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: { extraFileExtensions: ['.svelte'] },
    },
    rules: {
      // `_`-prefixed names mark a parameter a callback signature demands but the body does not use.
      // The apps are served at the root of their host (no kit.paths.base), so a plain href is already the resolved one.
      'svelte/no-navigation-without-resolve': 'off',
      // SvelteKit's App.Locals is widened by declaration merging: `interface Locals extends WebLocals {}`.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: { parserOptions: { parser: ts.parser } },
  },
  {
    files: webApps.flatMap((dir) => [`${dir}/**/*.ts`, `${dir}/**/*.js`, `${dir}/**/*.svelte`]),
    ignores: serverOnly,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: database,
          patterns: [generatedPrisma, { group: ['$lib/server', '$lib/server/*'], message: 'Server-only module: import it from a *.server.ts file or +server.ts.' }],
        },
      ],
    },
  },
  {
    // Routes stay thin: queries live in the services of packages/*, which routes call.
    files: ['apps/api/src/routes/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: database.map((p) => ({ ...p, message: 'Routes call services; the services in packages/* talk to the database.' })),
          patterns: [{ ...generatedPrisma, message: 'Routes call services; the services in packages/* talk to the database.' }],
        },
      ],
    },
  },
);
