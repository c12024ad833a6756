/**
 * Release rush: a Berlin day of appointments (PLACES=7700 places on one day's slots of OFFICES=40
 * Bürgerämter, copies of Bürgeramt Mitte) released at once to CLIENTS=1000 concurrent citizens.
 * Each citizen picks an office at random, reads its free times for the day, books one of them at
 * random, reads again after a refusal and moves on to another office once hers shows none, until
 * every office shows none. OFFICES=1 puts the whole day on one office: the harshest contention
 * (every client on the same few dozen slot rows), not what a city sees.
 *
 * THINK_MS=min-max makes each client pause that long (uniformly at random) after each answer that
 * is not a booking's, as a person choosing a time or another office does. Without it (THINK_MS=0)
 * the clients book as fast as the answers come: the saturation point, where each answer waits behind
 * the other clients' (by Little's law, answer time = clients / bookings per second), not a latency a
 * person sees.
 *
 *   pnpm --filter @termin/api bench:rush        (PLACES, OFFICES, CLIENTS, THINK_MS=0, PROCESSES=<cores>, READ_SECONDS=8 to change)
 *
 * Before the release, wrk reads one office's free times for READ_SECONDS (200 connections): the
 * availability read rate, to set against the bare route of `bench:ceilings`. The rush's clients run
 * in this process on undici (one connection each, spread over the API processes of bench/serve.ts).
 * Afterwards the database is asked whether any slot holds more bookings than places (oversold) and
 * whether every 201 answer is stored. Prints one `RESULT {json}` line last.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { regenerateSlots } from '@termin/booking';
import { loadApiConfig } from '@termin/config';
import { createPrismaClient, migrateDatabase } from '@termin/db';
import { seedDemo } from '@termin/db/seed';
import { addDaysToLocalDate, localDateOf } from '@termin/domain';
import { createBenchDatabase, percentile, productionBenchEnv, startApiProcess, type ApiProcess } from './support';
import { ensureWrk, runWrk } from './wrk';

const PLACES = Number(process.env.PLACES ?? 7_700);
const OFFICES = Number(process.env.OFFICES ?? 40);
const CLIENTS = Number(process.env.CLIENTS ?? 1_000);
const PROCESSES = Number(process.env.PROCESSES ?? availableParallelism());
const READ_SECONDS = Number(process.env.READ_SECONDS ?? 8);
const THINK_MS = thinkRange(process.env.THINK_MS ?? '0');
/** Booking answers are also reported by when in the rush they were sent, in windows this long. */
const WINDOW_S = 5;
/** A rush that has not sold out by then is reported as it stands. */
const DEADLINE_MS = 120_000;

const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted.length === 0
    ? { n: 0, p50: null, p99: null, max: null }
    : { n: sorted.length, p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1)!) };
};
const round = (n: number) => Number(n.toFixed(1));

function thinkRange(text: string): [number, number] {
  const [min = NaN, max = min] = text.split('-').map(Number);
  if (!Number.isFinite(min) || !Number.isFinite(max) || min < 0 || max < min) throw new Error(`THINK_MS must be "ms" or "min-max", not "${text}"`);
  return [min, max];
}
const think = () => {
  const ms = THINK_MS[0] + Math.random() * (THINK_MS[1] - THINK_MS[0]);
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : undefined;
};

ensureWrk();
const database = await createBenchDatabase();
const work = mkdtempSync(join(tmpdir(), 'termin-rush-'));
let server: ApiProcess | undefined;
try {
  await migrateDatabase(database.url);
  const db = createPrismaClient({ databaseUrl: database.url });
  await seedDemo(db);
  const location = await db.location.findFirstOrThrow({ where: { slug: 'buergeramt-mitte' } });
  const service = await db.service.findFirstOrThrow({ where: { slug: 'personalausweis' } });
  const now = new Date();
  const today = localDateOf(now, location.timezone);
  await regenerateSlots({ db, locationId: location.id, from: today, to: addDaysToLocalDate(today, 14), now });
  await db.tenant.update({ where: { id: location.tenantId }, data: { minLeadMinutes: 0 } });
  // The release day: the one at least two days ahead with the most slots (the office's longest day).
  const upcoming = await db.timeSlot.findMany({
    where: { locationId: location.id, startsAt: { gt: new Date(now.getTime() + 2 * 86_400_000) } },
    orderBy: { startsAt: 'asc' },
    select: { id: true, startsAt: true },
  });
  const byDay = new Map<string, typeof upcoming>();
  for (const s of upcoming) {
    const date = localDateOf(s.startsAt, location.timezone);
    byDay.set(date, [...(byDay.get(date) ?? []), s]);
  }
  const [day, daySlots] = [...byDay].reduce((best, entry) => (entry[1].length > best[1].length ? entry : best));
  await db.timeSlot.deleteMany({ where: { locationId: location.id, id: { notIn: daySlots.map((s) => s.id) } } });
  // The other offices: Mitte's copies, with its opening hours, its service and the same day of slots.
  const {
    id: _id,
    createdAt: _c,
    updatedAt: _u,
    openingHours,
    ...office
  } = await db.location.findUniqueOrThrow({
    where: { id: location.id },
    include: { openingHours: true },
  });
  const offices = [location.id];
  for (let i = 2; i <= OFFICES; i++) {
    const copy = await db.location.create({
      data: {
        ...office,
        slug: `buergeramt-${i}`,
        name: `Bürgeramt ${i}`,
        services: { create: [{ serviceId: service.id }] },
        openingHours: { createMany: { data: openingHours.map(({ id: _h, locationId: _l, ...hours }) => hours) } },
      },
    });
    offices.push(copy.id);
  }
  await db.$executeRaw`
    INSERT INTO "TimeSlot" (id, "locationId", "startsAt", "endsAt", capacity)
    SELECT gen_random_uuid(), o.id, s."startsAt", s."endsAt", 0
      FROM "TimeSlot" s CROSS JOIN unnest(${offices.slice(1)}::uuid[]) AS o(id)
     WHERE s."locationId" = ${location.id}::uuid`;
  // The day's places spread evenly over every office's slots (the counters of each office), all bookable online.
  const slotCount = offices.length * daySlots.length;
  const base = Math.floor(PLACES / slotCount);
  const extra = PLACES % slotCount;
  await db.$executeRaw`
    UPDATE "TimeSlot" t SET capacity = ${base}::int + (r.n <= ${extra}::int)::int
      FROM (SELECT id, row_number() OVER (ORDER BY "startsAt", "locationId") AS n FROM "TimeSlot" WHERE "locationId" = ANY(${offices}::uuid[])) r
     WHERE t.id = r.id`;
  await db.service.update({ where: { id: service.id }, data: { slotCapacity: base + 1, internalPlaces: 0 } });
  const slots = await db.timeSlot.findMany({ where: { locationId: { in: offices } }, select: { id: true } });
  await db.$executeRawUnsafe('ANALYZE');
  await db.$executeRawUnsafe('CHECKPOINT');

  const env = productionBenchEnv(database.url, '20');
  loadApiConfig(env);
  server = await startApiProcess(env, PROCESSES);
  const { urls } = server;
  console.log(
    `${PLACES} places on ${day} over ${slots.length} slots of ${offices.length} office(s), ${CLIENTS} clients pausing ${THINK_MS.join('–')} ms after each answer that is not a booking's, ${PROCESSES} API process(es)`,
  );

  // Availability reads before the release, by wrk (as the ceiling's bare route is measured).
  const daysFile = join(work, 'days.txt');
  writeFileSync(daysFile, `${day}\n`);
  const reads = (seconds: number) => runWrk({ urls, script: 'reads.lua', connections: 200, seconds, args: ['demo', location.id, service.id, daysFile] });
  await reads(2);
  const readPhase = await reads(READ_SECONDS);
  console.log(`availability reads: ${(readPhase.statuses['200'] ?? 0) / readPhase.seconds} /s, p50 ${readPhase.p50.toFixed(1)} ms, p99 ${readPhase.p99.toFixed(1)} ms`);

  // The release: every client at once.
  const agent = new Agent({ connections: Math.ceil(CLIENTS / urls.length), pipelining: 1, headersTimeout: 60_000, bodyTimeout: 60_000 });
  const slotsPath = (locationId: string) => `/api/v1/tenants/demo/locations/${locationId}/availability/slots?serviceId=${service.id}&date=${day}`;
  const bookingMs: number[] = [];
  /** When each booking was sent (ms after the release), beside its answer time in bookingMs. */
  const bookingSentAt: number[] = [];
  const readMs: number[] = [];
  const statuses: Record<string, number> = {};
  const errors: Record<string, number> = {};
  const bookedCodes: string[] = [];
  let lastBookedAt = 0;
  let attempt = 0;
  server.send('phase:start');
  const released = performance.now();
  const client = async (origin: string) => {
    // The offices this citizen has not yet seen without a free time.
    const open = [...offices];
    let at = open[Math.floor(Math.random() * open.length)]!;
    // Until the day is sold out (the citizens still looking would only read offices with nothing left).
    while (bookedCodes.length < PLACES && performance.now() - released < DEADLINE_MS) {
      try {
        let t = performance.now();
        const read = await request(origin + slotsPath(at), { dispatcher: agent });
        const free = ((await read.body.json()) as { slots?: { startsAt: string }[] }).slots ?? [];
        readMs.push(performance.now() - t);
        if (read.statusCode !== 200) throw new Error(`read ${read.statusCode}`);
        if (free.length === 0) {
          open.splice(open.indexOf(at), 1);
          if (open.length === 0) return;
          at = open[Math.floor(Math.random() * open.length)]!;
          await think();
          continue;
        }
        await think();
        const pick = free[Math.floor(Math.random() * free.length)]!;
        const n = attempt++;
        t = performance.now();
        const res = await request(origin + '/api/v1/appointments', {
          dispatcher: agent,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            tenant: 'demo',
            locationId: at,
            serviceId: service.id,
            startsAt: pick.startsAt,
            citizen: { name: 'Bench', email: `rush-${n}@example.org` },
            smsOptIn: false,
            language: 'de',
            consent: true,
          }),
        });
        const answer = (await res.body.json()) as { bookingCode?: string };
        bookingMs.push(performance.now() - t);
        bookingSentAt.push(t - released);
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        if (res.statusCode === 201) {
          bookedCodes.push(answer.bookingCode!);
          lastBookedAt = performance.now();
        }
      } catch (error) {
        const key = (error as NodeJS.ErrnoException).code ?? String((error as Error).message);
        errors[key] = (errors[key] ?? 0) + 1;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(urls[i % urls.length]!)));
  const soldOutSeconds = (lastBookedAt - released) / 1000;
  server.send('phase:rush');
  await agent.close();

  // The database's word: places per slot never exceeded, each 201 stored once, nothing else stored.
  const held = await db.timeSlot.findMany({ where: { id: { in: slots.map((s) => s.id) } }, include: { _count: { select: { appointments: true } } } });
  const oversold = held.reduce((sum, s) => sum + Math.max(0, s._count.appointments - s.capacity, s.booked - s.capacity), 0);
  const stored = await db.appointment.count({ where: { locationId: { in: offices } } });
  const storedOf201 = await db.appointment.count({ where: { bookingCode: { in: bookedCodes } } });
  await db.$disconnect();

  const booking = summary(bookingMs);
  // Where in the rush the slow answers were: the release's first wave, or throughout.
  const byWindow = new Map<number, number[]>();
  bookingMs.forEach((ms, i) => {
    const fromS = Math.floor(bookingSentAt[i]! / (WINDOW_S * 1000)) * WINDOW_S;
    const samples = byWindow.get(fromS);
    if (samples) samples.push(ms);
    else byWindow.set(fromS, [ms]);
  });
  const windows = [...byWindow]
    .sort(([a], [b]) => a - b)
    .map(([fromS, samples]) => {
      const { n, p50, p99 } = summary(samples);
      return { fromS, n, p50, p99 };
    });
  console.log(`booking answers by when they were sent: ${windows.map((w) => `${w.fromS}–${w.fromS + WINDOW_S} s n=${w.n} p50 ${w.p50} p99 ${w.p99} ms`).join('; ')}`);
  const read = summary(readMs);
  console.log(
    `sold ${bookedCodes.length} of ${PLACES} in ${soldOutSeconds.toFixed(2)} s (${(bookedCodes.length / soldOutSeconds).toFixed(0)} bookings/s); ` +
      `booking answers ${JSON.stringify(statuses)} p50 ${booking.p50} ms p99 ${booking.p99} ms max ${booking.max} ms; ` +
      `reads during the rush n=${read.n} p50 ${read.p50} ms p99 ${read.p99} ms; oversold ${oversold}; stored ${stored}` +
      (Object.keys(errors).length ? `; client errors ${JSON.stringify(errors)}` : ''),
  );
  console.log(
    `RESULT ${JSON.stringify({
      places: PLACES,
      offices: offices.length,
      slots: slots.length,
      clients: CLIENTS,
      thinkMs: THINK_MS,
      apiProcesses: PROCESSES,
      booked: bookedCodes.length,
      soldOut: bookedCodes.length === PLACES,
      soldOutSeconds: round(soldOutSeconds),
      bookingsPerSecond: round(bookedCodes.length / soldOutSeconds),
      bookingStatuses: statuses,
      bookingP50Ms: booking.p50,
      bookingP99Ms: booking.p99,
      bookingMaxMs: booking.max,
      bookingWindowSeconds: WINDOW_S,
      bookingWindows: windows,
      rushReads: read.n,
      rushReadP50Ms: read.p50,
      rushReadP99Ms: read.p99,
      readsPerSecond: round((readPhase.statuses['200'] ?? 0) / readPhase.seconds),
      readP50Ms: round(readPhase.p50),
      readP99Ms: round(readPhase.p99),
      oversold,
      stored,
      storedOf201,
      clientErrors: errors,
    })}`,
  );
} finally {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
  await database.drop();
}
