/**
 * Benchmark (prints numbers, asserts nothing): one year of slots for 20 locations.
 *
 *   pnpm --filter @termin/booking bench:publish-year
 *
 * Makes a scratch database on the server of BENCH_DATABASE_ADMIN_URL (default: local PostgreSQL),
 * migrates it, creates 20 offices with weekday hours and a lunch break, four counters each, then
 * times (1) generating the slots in memory and (2) publishing them into the database the way the
 * worker's job does (regenerateSlots), then a second publishing run that finds nothing to change.
 * The scratch database is dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import { createPrismaClient, migrateDatabase } from '@termin/db';
import { addDaysToLocalDate, localDateOf } from '@termin/domain';
import { loadSlotRules, regenerateSlots, slotsFromRules } from '../src/slots-service';

const LOCATIONS = 20;
const DAYS = 365;
const adminUrl = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const name = `termin_bench_publish_${randomBytes(4).toString('hex')}`;
const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();

async function admin(sql: string) {
  const server = createPrismaClient({ databaseUrl: adminUrl });
  try {
    await server.$executeRawUnsafe(sql);
  } finally {
    await server.$disconnect();
  }
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

await admin(`CREATE DATABASE "${name}"`);
const db = createPrismaClient({ databaseUrl: url });
try {
  await migrateDatabase(url);
  const tenant = await db.tenant.create({ data: { slug: 'bench', name: 'Benchmarkstadt', holidayState: 'BE', bookingHorizonDays: DAYS } });
  const ids: string[] = [];
  for (let i = 0; i < LOCATIONS; i++) {
    const location = await db.location.create({
      data: {
        tenantId: tenant.id,
        slug: `amt-${i}`,
        name: `Amt ${i}`,
        address: `Straße ${i}`,
        slotMinutes: 15,
        counters: { createMany: { data: ['1', '2', '3', '4'].map((n) => ({ name: n })) } },
        openingHours: {
          createMany: {
            data: [1, 2, 3, 4, 5].flatMap((weekday) => [
              { weekday, opens: '08:00', closes: '12:00' },
              { weekday, opens: '13:00', closes: weekday === 4 ? '18:00' : '16:00' },
            ]),
          },
        },
      },
    });
    ids.push(location.id);
  }
  const now = new Date();
  const from = localDateOf(now, 'Europe/Berlin');
  const to = addDaysToLocalDate(from, DAYS - 1);

  let start = process.hrtime.bigint();
  let generated = 0;
  for (const id of ids) generated += slotsFromRules((await loadSlotRules(db, id))!, from, to).length;
  const generateSeconds = seconds(start);

  start = process.hrtime.bigint();
  let created = 0;
  for (const id of ids) created += (await regenerateSlots({ db, locationId: id, from, to, now })).created;
  const publishSeconds = seconds(start);

  start = process.hrtime.bigint();
  let changed = 0;
  for (const id of ids) {
    const r = await regenerateSlots({ db, locationId: id, from, to, now });
    changed += r.created + r.updated + r.removed;
  }
  const republishSeconds = seconds(start);

  console.log(`one year (${from} … ${to}) of slots for ${LOCATIONS} locations`);
  console.log(`  generate in memory:      ${generated} slots in ${generateSeconds.toFixed(2)} s`);
  console.log(`  publish to the database: ${created} slots created in ${publishSeconds.toFixed(2)} s`);
  console.log(`  publish again:           ${changed} changes in ${republishSeconds.toFixed(2)} s`);
} finally {
  await db.$disconnect();
  await admin(`DROP DATABASE "${name}" WITH (FORCE)`);
}
