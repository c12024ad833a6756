/**
 * Booking throughput and availability reads over real HTTP.
 *
 *   pnpm --filter @termin/api bench:booking      (CLIENTS=200 BOOKINGS=5000 READS=20000 POOL=30 to change)
 *
 * Creates a fresh database, seeds the demo municipality, fills Bürgeramt Mitte's next 30 days with
 * slots of large capacity and starts one API on a free port. CLIENTS concurrent keep-alive clients
 * then book BOOKINGS appointments (distinct emails, spread over all slots, so rows are contended
 * the way a busy booking day contends them), then read free times READS times. The API runs in a
 * child process (bench/serve.ts); the clients run in this one and, on two cores, share the CPU with
 * it and with PostgreSQL: the numbers are conservative.
 */
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { fork, type ChildProcess } from 'node:child_process';
import { createBenchDatabase, percentile, redisUrl } from './support';
import { Pool } from 'undici';
import { regenerateSlots } from '@termin/booking';
import { loadApiConfig } from '@termin/config';
import { createPrismaClient, migrateDatabase } from '@termin/db';
import { seedDemo } from '@termin/db/seed';
import { addDaysToLocalDate, localDateOf } from '@termin/domain';

const CLIENTS = Number(process.env.CLIENTS ?? 200);
const BOOKINGS = Number(process.env.BOOKINGS ?? 5000);
const READS = Number(process.env.READS ?? 20_000);
const POOL = process.env.POOL ?? '30';




/** Runs `total` requests over `clients` concurrent loops; returns per-request latencies and statuses. */
async function load(total: number, clients: number, send: (i: number) => Promise<number>) {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < total; i = next++) {
        const t0 = performance.now();
        const status = await send(i);
        latencies.push(performance.now() - t0);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return { seconds, rate: total / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1)!, statuses };
}

const report = (label: string, r: Awaited<ReturnType<typeof load>>, n: number) =>
  `${label.padEnd(20)} n=${n}  ${r.rate.toFixed(0).padStart(6)}/s  p50=${r.p50.toFixed(1)} ms  p99=${r.p99.toFixed(1)} ms  max=${r.max.toFixed(1)} ms  ` +
  `statuses=${JSON.stringify(Object.fromEntries(r.statuses))}`;

const database = await createBenchDatabase();
const dbUrl = database.url;
let server: ChildProcess | undefined;
try {
  await migrateDatabase(dbUrl);
  const db = createPrismaClient({ databaseUrl: dbUrl });
  await seedDemo(db);
  const location = await db.location.findFirstOrThrow({ where: { slug: 'buergeramt-mitte' } });
  const service = await db.service.findFirstOrThrow({ where: { slug: 'personalausweis' } });
  const now = new Date();
  const today = localDateOf(now, location.timezone);
  await regenerateSlots({ db, locationId: location.id, from: today, to: addDaysToLocalDate(today, 30), now });
  await db.tenant.update({ where: { id: location.tenantId }, data: { minLeadMinutes: 0 } });
  await db.timeSlot.updateMany({ where: { locationId: location.id }, data: { capacity: 100_000 } });
  const slots = await db.timeSlot.findMany({
    where: { locationId: location.id, startsAt: { gt: new Date(now.getTime() + 60 * 60_000) } },
    orderBy: { startsAt: 'asc' },
    select: { startsAt: true },
  });
  const days = [...new Set(slots.map((s) => localDateOf(s.startsAt, location.timezone)))];
  await db.$disconnect();

  const env = {
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATABASE_URL: dbUrl,
    DATABASE_POOL_MAX: POOL,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `termin_bench_${randomBytes(3).toString('hex')}`,
    CONTACT_HASH_SECRET: randomBytes(32).toString('hex'),
    // All clients come from one address; the per-IP limits would stop the bench after a few requests.
    RATE_LIMIT_MAX: '100000000',
    RATE_LIMIT_BOOKING_MAX: '100000000',
  };
  loadApiConfig(env); // fails here, with a clear message, rather than in the child
  // The API runs in its own process, as in production; the load comes from this one.
  server = fork(new URL('./serve.ts', import.meta.url), { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env } });
  const base = await new Promise<string>((resolve) => server!.once('message', (m: { url: string }) => resolve(m.url)));
  // undici's pool directly: fetch's extra layers would make the load generator the bottleneck.
  const http = new Pool(base, { connections: CLIENTS, pipelining: 1 });
  const run = randomBytes(3).toString('hex');

  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, pool ${POOL}, ${CLIENTS} clients, ${slots.length} slots`);

  const bookings = await load(BOOKINGS, CLIENTS, async (i) => {
    const res = await http.request({
      path: '/api/v1/appointments',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        tenant: 'demo',
        locationId: location.id,
        serviceId: service.id,
        startsAt: slots[i % slots.length]!.startsAt.toISOString(),
        citizen: { name: 'Bench', email: `bench-${run}-${i}@example.org` },
        smsOptIn: false,
        language: 'de',
        consent: true,
      }),
    });
    await res.body.arrayBuffer();
    return res.statusCode;
  });
  console.log(report('bookings', bookings, BOOKINGS));

  const reads = await load(READS, CLIENTS, async (i) => {
    const date = days[i % days.length];
    const res = await http.request({ method: 'GET', path: `/api/v1/tenants/demo/locations/${location.id}/availability/slots?serviceId=${service.id}&date=${date}` });
    await res.body.arrayBuffer();
    return res.statusCode;
  });
  console.log(report('availability reads', reads, READS));
} finally {
  if (server) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.send('stop');
    await exited;
  }
  await database.drop();
}
