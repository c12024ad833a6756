import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStatisticsData, STATISTICS_RANGE, type StatisticsData } from '@termin/booking/testing/statistics-data';
import { createPrismaClient, type Db } from '@termin/db';
import { createTestApp, type TestApp } from './support/test-app';
import { startTestIdentity, type TestIdentity } from './support/identity';
import { seedAccessFixtures, type AccessFixtures } from './support/fixtures';

let identity: TestIdentity;
let t: TestApp;
let db: Db;
let fx: AccessFixtures;
let data: StatisticsData;
const FORMULA = '=HYPERLINK("http://x","y")';

beforeAll(async () => {
  identity = await startTestIdentity();
  t = await createTestApp({ OIDC_ISSUER: identity.issuer });
  db = createPrismaClient({ databaseUrl: t.database.url });
  fx = await seedAccessFixtures(db);
  data = await seedStatisticsData(db, { tenantId: fx.demoTenantId, serviceB: FORMULA, location: '+Außenstelle; "Nord"' });
});
afterAll(async () => {
  await db?.$disconnect();
  await t?.close();
  await identity?.close();
});

async function asAdmin(url: string, lang = 'de') {
  return t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${await identity.tokenFor('admin')}`, 'accept-language': lang } });
}

const range = `from=${STATISTICS_RANGE.from}&to=${STATISTICS_RANGE.to}`;

describe('admin statistics API', () => {
  it('answers the figures of one office of the admin’s municipality', async () => {
    const res = await asAdmin(`/api/v1/admin/statistics?locationId=${data.locationId}&${range}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.totals).toMatchObject({ bookings: 9, cancellations: { total: 3, byCitizen: 1, byOffice: 1, unrecorded: 1 }, walkIns: 2 });
    expect(body.totals.waiting).toEqual({ count: 5, meanSeconds: 924, p50Seconds: 900, p90Seconds: 1560 });
    expect(body.utilisation).toEqual({ capacity: 17, booked: 7, rate: 7 / 17 });
  });

  it('counts every office of the municipality without a location, and never the other municipality’s', async () => {
    const all = (await asAdmin(`/api/v1/admin/statistics?${range}`)).json();
    expect(all.locationId).toBeNull();
    // The demo seed has no appointments on those days; the other municipality's cancellation is not counted.
    expect(all.totals.bookings).toBe(9);
    expect(all.totals.cancellations.byCitizen).toBe(1);
  });

  it('refuses a bad range in the admin’s language and changes nothing', async () => {
    const de = await asAdmin(`/api/v1/admin/statistics?from=2026-10-25&to=2026-10-01`);
    expect(de.statusCode).toBe(400);
    expect(de.json().error.fields).toEqual([expect.objectContaining({ field: 'to', message: 'Das Ende liegt vor dem Anfang' })]);
    const en = await asAdmin(`/api/v1/admin/statistics/csv?from=2026-01-01&to=2027-12-31`, 'en');
    expect(en.statusCode).toBe(400);
    expect(en.json().error.fields).toEqual([expect.objectContaining({ field: 'to', message: 'At most 366 days' })]);
    const malformed = await asAdmin(`/api/v1/admin/statistics?from=yesterday&to=2026-10-01`);
    expect(malformed.statusCode).toBe(400);
  });

  it('downloads a CSV a spreadsheet opens: BOM, semicolons, quoted names, formulas made inert', async () => {
    const res = await asAdmin(`/api/v1/admin/statistics/csv?locationId=${data.locationId}&${range}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="statistics-${STATISTICS_RANGE.from}-${STATISTICS_RANGE.to}.csv"`);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parse(res.body, { bom: true, delimiter: ';' }) as string[][];
    expect(rows[0]![0]).toBe('Standort');
    const formulaRow = rows.find((r) => r[1]?.includes('HYPERLINK'))!;
    expect(formulaRow[1]).toBe(`'${FORMULA}`);
    // The office's name starts with "+" and holds a ";" and quotes: inert, and still one cell.
    expect(formulaRow[0]).toBe(`'+Außenstelle; "Nord"`);
    expect(rows.every((r) => r.length === rows[0]!.length)).toBe(true);
    expect(rows.flat().some((cell) => /^[=+\-@\t\r]/.test(cell))).toBe(false);
    expect(rows.at(-1)!.slice(0, 3)).toEqual(['Gesamt', '', '9']);

    const english = await asAdmin(`/api/v1/admin/statistics/csv?locationId=${data.locationId}&${range}&decimal=point&lang=en`);
    const table = parse(english.body, { bom: true, delimiter: ';' }) as string[][];
    expect(table[0]![0]).toBe('Location');
    expect(table.at(-1)![table[0]!.indexOf('No-show rate (%)')]).toBe('16.7');
  });
});
