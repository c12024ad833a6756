/**
 * Check-in → WebSocket delivery latency with many subscribed screens.
 *
 *   pnpm --filter @termin/api bench:checkin            (SOCKETS=1000 CHECKINS=60 INTERVAL_MS=200 to change)
 *
 * Starts two API instances, each in its own process, on a fresh database and one Redis prefix, subscribes SOCKETS staff
 * sockets (half on each instance), checks CHECKINS citizens in through instance A over HTTP and
 * measures, per socket, the time from sending the check-in request to receiving the
 * `appointment_checkin` and the `queue_update` that contains the new ticket. The sockets run in a
 * child process (bench/socket-clients.ts), as real screens would; on two cores they still share the
 * CPU with both API processes, PostgreSQL and Redis.
 */
import { randomBytes } from 'node:crypto';
import { createBenchDatabase, percentile, redisUrl, startApiProcess, type ApiProcess } from './support';
import { fork } from 'node:child_process';
import { loadApiConfig } from '@termin/config';
import { createPrismaClient, migrateDatabase } from '@termin/db';
import { seedDemo } from '@termin/db/seed';
import { generateBookingCode } from '@termin/domain';

const SOCKETS = Number(process.env.SOCKETS ?? 1_000);
const CHECKINS = Number(process.env.CHECKINS ?? 60);
const INTERVAL_MS = Number(process.env.INTERVAL_MS ?? 200);

function summary(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(1).padStart(7);
  return `${label.padEnd(22)} n=${String(sorted.length).padStart(6)}  p50=${f(percentile(sorted, 50))} ms  p90=${f(percentile(sorted, 90))} ms  p99=${f(percentile(sorted, 99))} ms  max=${f(sorted.at(-1)!)} ms`;
}

const database = await createBenchDatabase();
const dbUrl = database.url;
const apis: ApiProcess[] = [];
try {
  await migrateDatabase(dbUrl);
  const db = createPrismaClient({ databaseUrl: dbUrl });
  await seedDemo(db);
  const location = await db.location.findFirstOrThrow({ where: { slug: 'buergeramt-mitte' } });
  const service = await db.service.findFirstOrThrow({ where: { slug: 'personalausweis' } });

  const env = {
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATABASE_URL: dbUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `termin_bench_${randomBytes(3).toString('hex')}`,
    CONTACT_HASH_SECRET: randomBytes(32).toString('hex'),
    // The bench opens hundreds of sockets from one address and has no identity provider.
    RATE_LIMIT_MAX: '1000000',
    RATE_LIMIT_BOOKING_MAX: '1000000',
    BOOKING_BUDGET_PER_ADDRESS: '1000000',
    BOOKING_BUDGET_PER_NETWORK: '1000000',
    DEV_OPEN_SOCKETS: 'true',
    WS_SOCKETS_PER_ADDRESS: '100000',
    WS_MESSAGES_PER_ADDRESS: '1000000',
  };
  loadApiConfig(env); // fails here, with a clear message, rather than in the children
  // Two instances, each in its own process, as production runs two replicas.
  for (let i = 0; i < 2; i++) apis.push(await startApiProcess(env, 1));
  const urls = apis.map((api) => api.url);

  const sent = new Map<string, number>();
  const clock = () => performance.timeOrigin + performance.now();
  const clients = fork(new URL('./socket-clients.ts', import.meta.url), { execArgv: ['--import', 'tsx'] });
  const ready = new Promise<void>((resolve) => clients.once('message', () => resolve()));
  clients.send({ urls, locationId: location.id, sockets: SOCKETS });
  await ready;
  await new Promise((r) => setTimeout(r, 1_000));

  // The citizens check themselves in with their codes: the municipality has self-check-in on.
  await db.tenant.update({ where: { id: location.tenantId }, data: { selfCheckinEnabled: true } });
  const startsAt = new Date();
  const appointments = await Promise.all(
    Array.from({ length: CHECKINS }, () =>
      db.appointment.create({
        data: {
          tenantId: location.tenantId,
          locationId: location.id,
          serviceId: service.id,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 15 * 60_000),
          status: 'CONFIRMED',
          bookingCode: generateBookingCode(),
          contactHash: randomBytes(32).toString('hex'),
        },
      }),
    ),
  );
  for (const [i, appointment] of appointments.entries()) {
    const ticket = `A${String(i + 1).padStart(3, '0')}`;
    sent.set(ticket, clock());
    const res = await fetch(`${urls[0]}/api/v1/checkin/${appointment.bookingCode}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ locationId: location.id }),
    });
    const body = (await res.json()) as { ticketNumber?: string };
    if (res.status !== 200 || body.ticketNumber !== ticket) throw new Error(`check-in ${i} answered ${res.status} ${JSON.stringify(body)}`);
    await new Promise((r) => setTimeout(r, INTERVAL_MS));
  }
  await new Promise((r) => setTimeout(r, 2_000));
  const report = new Promise<{ checkins: [string, number][]; updates: [string, number][] }>((resolve) => clients.once('message', resolve as never));
  clients.send({ type: 'stop' });
  const { checkins, updates } = await report;
  const checkinLatency = checkins.map(([ticket, at]) => at - sent.get(ticket)!);
  const updateLatency = updates.map(([ticket, at]) => at - sent.get(ticket)!);

  console.log(`${SOCKETS} sockets on 2 API instances, ${CHECKINS} check-ins through instance A, one every ${INTERVAL_MS} ms`);
  console.log(summary('appointment_checkin', checkinLatency));
  console.log(summary('queue_update', updateLatency));
  const expected = SOCKETS * CHECKINS;
  if (checkinLatency.length !== expected) console.log(`missing appointment_checkin deliveries: ${expected - checkinLatency.length}`);
  const figures = (samples: number[]) => {
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted.length
      ? { p50: Number(percentile(sorted, 50).toFixed(1)), p99: Number(percentile(sorted, 99).toFixed(1)), max: Number(sorted.at(-1)!.toFixed(1)) }
      : null;
  };
  console.log(
    `RESULT ${JSON.stringify({
      sockets: SOCKETS,
      apiInstances: 2,
      checkins: CHECKINS,
      expectedDeliveries: expected,
      appointmentCheckin: { delivered: checkinLatency.length, ...figures(checkinLatency) },
      queueUpdate: { delivered: updateLatency.length, ...figures(updateLatency) },
    })}`,
  );
  await db.$disconnect();
} finally {
  for (const api of apis) await api.stop();
  await database.drop();
}
