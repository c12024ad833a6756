import { createPrismaClient } from './client';
import { seedDemo } from './seed';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set: it must point at the PostgreSQL database to seed.');
  process.exit(1);
}
const db = createPrismaClient({ databaseUrl: url });
try {
  const { locationIds } = await seedDemo(db);
  console.log(`Demo data ready: tenant "demo", ${locationIds.length} locations.`);
} finally {
  await db.$disconnect();
}
