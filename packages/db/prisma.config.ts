import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

// The schema's datasource reads DATABASE_URL even for `prisma generate`, which needs no database.
process.env.DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/postgres';

// The schema and migrations live in the repository's prisma/ folder; the migrate image, where this
// package sits inside node_modules, names their place with TERMIN_PRISMA_DIR.
const prismaDir = process.env.TERMIN_PRISMA_DIR ?? path.join(import.meta.dirname, '../../prisma');

// Prisma runs without native engines here: the "js" engine talks to PostgreSQL through the pg adapter.
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(prismaDir, 'schema.prisma'),
  migrations: { path: path.join(prismaDir, 'migrations') },
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
});
