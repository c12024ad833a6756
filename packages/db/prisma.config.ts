import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

// The schema's datasource reads DATABASE_URL even for `prisma generate`, which needs no database.
process.env.DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/postgres';

// Prisma runs without native engines here: the "js" engine talks to PostgreSQL through the pg adapter.
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(import.meta.dirname, '../../prisma/schema.prisma'),
  migrations: { path: path.join(import.meta.dirname, '../../prisma/migrations') },
  adapter: async () =>
    new PrismaPg({ connectionString: process.env.DATABASE_URL }),
});
