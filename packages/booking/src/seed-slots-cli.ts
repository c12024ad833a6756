import { createPrismaClient } from '@termin/db';
import { demoTenant } from '@termin/db/seed';
import { addDaysToLocalDate, localDateOf } from '@termin/domain';
import { regenerateSlots } from './slots-service';

/**
 * Fills the demo offices' calendars for the next 30 days (run after the demo seed). Lives here and
 * not in the db package because slot generation is booking logic, and booking depends on db.
 */
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set: it must point at the PostgreSQL database to fill with slots.');
  process.exit(1);
}
const db = createPrismaClient({ databaseUrl: url });
try {
  const now = new Date();
  const locations = await db.location.findMany({ where: { tenant: { slug: demoTenant.slug }, active: true } });
  for (const location of locations) {
    const from = localDateOf(now, location.timezone);
    const result = await regenerateSlots({ db, locationId: location.id, from, to: addDaysToLocalDate(from, 30), now });
    console.log(`Slots for ${location.slug}: ${result.created} created, ${result.updated} updated, ${result.removed} removed.`);
  }
} finally {
  await db.$disconnect();
}
