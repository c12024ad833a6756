import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRetention, createPrismaClient, type Db } from '@termin/db';
import { NotFoundError, ValidationError } from '@termin/domain';
import { createTestDatabase, type TestDatabase } from '@termin/testkit/database';
import { percentileOfHistogram, statistics, statisticsCsv, type StatisticsScope } from '../src';
import { seedStatisticsData, STATISTICS_RANGE, type StatisticsData } from '../src/testing/statistics-data';

let database: TestDatabase;
let db: Db;
let data: StatisticsData;
let scope: StatisticsScope;
const FORMULA = '=HYPERLINK("http://x","y")';

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrismaClient({ databaseUrl: database.url });
  data = await seedStatisticsData(db, { serviceA: 'Personalausweis', serviceB: FORMULA });
  scope = { tenantId: data.tenantId, locationIds: [data.locationId] };
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const run = (query: Partial<Parameters<typeof statistics>[2]> = {}) => statistics({ db }, scope, { ...STATISTICS_RANGE, ...query });

describe('statistics over the end of summer time (Europe/Berlin, 2026-10-25)', () => {
  it('counts bookings, cancellations by who cancelled, check-ins, no-shows and walk-ins of the local days', async () => {
    const stats = await run();
    expect(stats.totals).toMatchObject({
      bookings: 9,
      cancellations: { total: 3, byCitizen: 1, byOffice: 1, unrecorded: 1 },
      kept: 6,
      checkedIn: 5,
      noShows: 1,
      walkIns: 2,
    });
    expect(stats.totals.checkInRate).toBeCloseTo(5 / 6, 10);
    expect(stats.totals.noShowRate).toBeCloseTo(1 / 6, 10);
  });

  it('gives mean, median and 90th percentile of waiting (check-in → call) and service time (call → done)', async () => {
    const { waiting, service } = (await run()).totals;
    // Waits 120, 600, 900, 1200, 1800 s; the 90th percentile lies 60 % of the way from 1200 to 1800.
    expect(waiting).toEqual({ count: 5, meanSeconds: 924, p50Seconds: 900, p90Seconds: 1560 });
    // Served 600, 600, 1200, 1200 s (the no-show and the waiting ones have no service time).
    expect(service).toEqual({ count: 4, meanSeconds: 900, p50Seconds: 900, p90Seconds: 1200 });
  });

  it('puts load into local weekday and hour: both 02:30 of the doubled hour fall into Sunday 2 o’clock', async () => {
    expect((await run()).load).toEqual([
      { weekday: 6, hour: 0, appointments: 1, walkIns: 0 },
      { weekday: 6, hour: 9, appointments: 2, walkIns: 1 },
      { weekday: 6, hour: 10, appointments: 1, walkIns: 0 },
      { weekday: 7, hour: 2, appointments: 1, walkIns: 1 },
      { weekday: 7, hour: 11, appointments: 1, walkIns: 0 },
    ]);
  });

  it('sets booked places against the published capacity of the 49 local hours, the 25th of Sunday included', async () => {
    expect((await run()).utilisation).toEqual({ capacity: 17, booked: 7, rate: 7 / 17 });
  });

  it('splits the figures per service and narrows them to one service', async () => {
    const stats = await run();
    expect(stats.rows.map((r) => [r.serviceNameDe, r.bookings, r.cancellations.total, r.kept, r.checkedIn, r.noShows, r.walkIns])).toEqual([
      [FORMULA, 4, 2, 2, 1, 0, 1],
      ['Personalausweis', 5, 1, 4, 4, 1, 1],
    ]);
    const a = stats.rows.find((r) => r.serviceId === data.serviceA)!;
    expect(a.waiting).toEqual({ count: 4, meanSeconds: 930, p50Seconds: 900, p90Seconds: 1620 });
    expect(a.service).toEqual({ count: 3, meanSeconds: 800, p50Seconds: 600, p90Seconds: 1080 });

    const onlyB = await run({ serviceId: data.serviceB });
    expect(onlyB.rows).toHaveLength(1);
    expect(onlyB.totals).toEqual(Object.fromEntries(Object.keys(onlyB.totals).map((k) => [k, onlyB.rows[0]![k as keyof typeof onlyB.totals]])));
    expect(onlyB.totals).toMatchObject({ bookings: 4, cancellations: { byCitizen: 1, byOffice: 1, unrecorded: 0 }, walkIns: 1 });
    expect(onlyB.totals.waiting).toEqual({ count: 1, meanSeconds: 900, p50Seconds: 900, p90Seconds: 900 });
  });

  it('leaves out the days outside the range: one day less loses Sunday, and nothing of another municipality counts', async () => {
    const saturday = await run({ to: '2026-10-24' });
    expect(saturday.totals).toMatchObject({ bookings: 5, kept: 4, walkIns: 1 });
    expect(saturday.utilisation).toEqual({ capacity: 8, booked: 3, rate: 3 / 8 });
    const empty = await run({ from: '2030-01-01', to: '2030-01-31' });
    expect(empty.totals).toMatchObject({ bookings: 0, kept: 0, checkInRate: null, noShowRate: null, waiting: { count: 0, p90Seconds: null } });
    expect(empty.rows).toEqual([]);
    expect(empty.utilisation.rate).toBeNull();
  });

  it('refuses a range that ends before it starts or is longer than a year, an unknown service and a location not the admin’s', async () => {
    await expect(run({ from: '2026-10-25', to: '2026-10-24' })).rejects.toMatchObject({ fieldErrors: [{ field: 'to', code: 'to_before_from' }] });
    await expect(run({ from: '2026-01-01', to: '2027-01-02' })).rejects.toMatchObject({ fieldErrors: [{ field: 'to', code: 'range_too_long' }] });
    await expect(run({ from: '2026-02-30' })).rejects.toBeInstanceOf(ValidationError);
    await expect(run({ serviceId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ fieldErrors: [{ field: 'serviceId', code: 'unknown_service' }] });
    await expect(run({ locationId: data.otherLocationId })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('gives the same figures after retention has erased the citizens’ data', async () => {
    const before = await run();
    const csvBefore = statisticsCsv(before, 'de');
    const erased = await applyRetention(db, new Date('2027-06-01T00:00:00Z'));
    expect(erased.anonymisedAppointments).toBeGreaterThanOrEqual(11);
    expect(await db.appointment.count({ where: { tenantId: data.tenantId, citizenName: { not: null } } })).toBe(0);
    const after = await run();
    expect(after).toEqual(before);
    expect(statisticsCsv(after, 'de')).toBe(csvBefore);
  });
});

describe('statistics CSV', () => {
  const table = (csv: string) => parse(csv, { bom: true, delimiter: ';', relax_column_count: false }) as string[][];

  it('starts with a byte order mark, separates by semicolons and reads back as the figures', async () => {
    const csv = statisticsCsv(await run(), 'de');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('\r\n');
    const [header, ...rows] = table(csv);
    expect(header!.slice(0, 4)).toEqual(['Standort', 'Dienstleistung', 'Buchungen', 'Stornos gesamt']);
    const total = rows.at(-1)!;
    const cell = (row: string[], name: string) => row[header!.indexOf(name)];
    expect(total[0]).toBe('Gesamt');
    expect(cell(total, 'Buchungen')).toBe('9');
    expect(cell(total, 'Stornos durch Amt')).toBe('1');
    expect(cell(total, 'Check-in-Quote (%)')).toBe('83,3');
    expect(cell(total, 'Wartezeit 90. Perzentil (min)')).toBe('26,0');
    const english = table(statisticsCsv(await run(), 'en', 'point'));
    expect(english.at(-1)![english[0]!.indexOf('Check-in rate (%)')]).toBe('83.3');
    expect(english.at(-1)![english[0]!.indexOf('Waiting mean (min)')]).toBe('15.4');
  });

  it('writes a service named like a formula as inert text', async () => {
    const rows = table(statisticsCsv(await run(), 'de'));
    const names = rows.map((r) => r[1]);
    expect(names).toContain(`'${FORMULA}`);
    expect(names.some((n) => /^[=+\-@\t\r]/.test(n ?? ''))).toBe(false);
    // The quotes inside the name survived the CSV quoting unchanged.
    expect(rows.find((r) => r[1] === `'${FORMULA}`)![0]).toBe('Bürgeramt Nord');
  });
});

describe('percentiles of a histogram', () => {
  it('are what percentile_cont in PostgreSQL gives for the same durations', async () => {
    // Durations with repeats, odd and even counts, a single value and a wide spread.
    const cases = [[5], [1, 2], [3, 3, 3, 10], [0, 7, 7, 8, 120, 121, 3599, 3600, 3600], Array.from({ length: 101 }, (_, i) => (i * 37) % 500)];
    for (const values of cases) {
      const [row] = await db.$queryRaw<{ p: number[] }[]>`SELECT percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY v) AS p FROM unnest(${values}::int[]) v`;
      const buckets = new Map<number, number>();
      for (const v of values) buckets.set(v, (buckets.get(v) ?? 0) + 1);
      const ours = [0.5, 0.9, 0.99].map((p) => percentileOfHistogram(buckets, values.length, p)!);
      ours.forEach((value, i) => expect(value, `${values.join(',')} at ${[0.5, 0.9, 0.99][i]}`).toBeCloseTo(row!.p[i]!, 9));
    }
    expect(percentileOfHistogram(new Map(), 0, 0.9)).toBeNull();
  });
});
