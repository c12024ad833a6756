import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedStatisticsData, STATISTICS_RANGE } from '@termin/booking/testing/statistics-data';
import { useWebAppUnderTest } from '@termin/api/testing/running-stack';
import { inspect, screenshot } from './support';

const ui = useWebAppUnderTest(fileURLToPath(new URL('..', import.meta.url)));
const FORMULA = '=HYPERLINK("http://x","y")';

beforeAll(async () => {
  // The known data set around the end of summer time, in an office of the demo municipality.
  const tenant = await ui.stack.db.tenant.findFirstOrThrow({ where: { locations: { some: { slug: 'buergeramt-mitte' } } } });
  await seedStatisticsData(ui.stack.db, { tenantId: tenant.id, serviceB: FORMULA });
});

describe('statistics in the browser', () => {
  it('is linked from home, filters without JavaScript, shows figures, charts with their tables and the CSV', async () => {
    const { page, context } = await ui.signedIn('admin', '/', { locale: 'de-DE', javaScriptEnabled: false });
    await page.getByRole('link', { name: 'Statistik', exact: true }).click();
    await page.waitForURL(/\/statistics$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Statistik');
    await screenshot(page, 'statistics-default-nojs');

    await page.getByLabel('Standort', { exact: true }).selectOption({ label: 'Bürgeramt Nord' });
    await page.getByLabel('Von (Tag)').fill(STATISTICS_RANGE.from);
    await page.getByLabel('Bis (Tag, einschließlich)').fill(STATISTICS_RANGE.to);
    await Promise.all([page.waitForURL(/\/statistics\?locationId=.*from=2026-10-24&to=2026-10-25/), page.getByRole('button', { name: 'Anzeigen' }).click()]);

    const figure = async (name: string) => (await page.getByRole('row', { name, exact: false }).first().locator('td').textContent())?.replace(/\s+/g, ' ').trim();
    expect(await figure('Gebuchte Termine')).toBe('9');
    expect(await figure('davon durch Bürgerinnen und Bürger')).toBe('1');
    expect(await figure('davon durch das Amt (Notschließung)')).toBe('1');
    expect(await figure('Check-in-Quote')).toBe('83,3 % (5)');
    expect(await figure('No-Show-Quote')).toBe('16,7 % (1)');
    expect(await figure('Spontanbesuche (ohne Termin)')).toBe('2');
    expect(await figure('Wartezeit (Check-in bis Aufruf)')).toBe('15,4 Min. im Mittel · Median 15,0 Min. · 90 % höchstens 26,0 Min. (5 Fälle)');
    expect(await figure('Auslastung der freigegebenen Termine')).toBe('41,2 % (7 von 17 Plätzen)');

    // Each chart is a named picture drawn on the server, and its table holds the same figures.
    const hourChart = page.getByRole('img', { name: 'Andrang nach Uhrzeit' });
    expect(await hourChart.count()).toBe(1);
    expect(await page.locator('figure').filter({ has: hourChart }).locator('tbody tr').allInnerTexts()).toContain('02–03 Uhr\t1\t1\t2');
    const weekdayTable = page.locator('figure').filter({ has: page.getByRole('img', { name: 'Andrang nach Wochentag' }) });
    expect(await weekdayTable.locator('tbody tr').allInnerTexts()).toEqual(expect.arrayContaining(['Samstag\t4\t1\t5', 'Sonntag\t2\t1\t3', 'Montag\t0\t0\t0']));
    expect(await page.getByRole('rowheader', { name: FORMULA }).count()).toBe(1);
    await screenshot(page, 'statistics-nojs');

    // The download: what a spreadsheet opens, the formula-like service name as plain text.
    const href = await page.getByRole('link', { name: 'CSV für Tabellenkalkulation (Dezimalkomma)' }).getAttribute('href');
    const download = await context.request.get(new URL(href!, page.url()).href);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toContain('statistics-2026-10-24-2026-10-25.csv');
    const bytes = await download.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.toString('utf8'), { bom: true, delimiter: ';' }) as string[][];
    expect(rows.map((r) => r[1])).toContain(`'${FORMULA}`);
    expect(rows.at(-1)!.slice(0, 3)).toEqual(['Gesamt', '', '9']);

    // A range that ends before it starts: the message by the field, nothing else shown.
    await page.getByLabel('Von (Tag)').fill('2026-10-25');
    await page.getByLabel('Bis (Tag, einschließlich)').fill('2026-10-01');
    await Promise.all([page.waitForURL(/to=2026-10-01/), page.getByRole('button', { name: 'Anzeigen' }).click()]);
    expect(await page.getByRole('alert').textContent()).toContain('Die Auswahl ist ungültig.');
    expect(await page.locator('[id="to-error"]').textContent()).toBe('Das Ende liegt vor dem Anfang');
    expect(await page.getByRole('heading', { name: /Kennzahlen/ }).count()).toBe(0);
    await screenshot(page, 'statistics-errors-nojs');
    await context.close();
  });

  it('has no WCAG 2.1 AA violation: the default page, a filtered one, on a phone, and with a refused range', async () => {
    const { page, context } = await ui.signedIn('admin', '/statistics', { locale: 'de-DE' });
    await inspect(page, 'statistics-default');
    const location = await ui.stack.db.location.findFirstOrThrow({ where: { slug: 'statistik-nord' } });
    await page.goto(new URL(`/statistics?${new URLSearchParams({ locationId: location.id, ...STATISTICS_RANGE })}`, page.url()).href);
    expect(await page.getByRole('img', { name: 'Andrang nach Uhrzeit' }).count()).toBe(1);
    await inspect(page, 'statistics');
    await page.setViewportSize({ width: 375, height: 800 });
    await inspect(page, 'statistics-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(new URL('/statistics?from=2026-10-25&to=2026-10-01', page.url()).href);
    expect(await page.locator('[id="to-error"]').textContent()).toBe('Das Ende liegt vor dem Anfang');
    await inspect(page, 'statistics-errors');
    // Reachable from each location's navigation too.
    await page.goto(new URL(`/locations/${location.id}`, page.url()).href);
    await Promise.all([page.waitForURL(/\/statistics\?locationId=/), page.getByRole('link', { name: 'Statistik', exact: true }).click()]);
    expect(await page.getByLabel('Standort', { exact: true }).inputValue()).toBe(location.id);
    await context.close();
  });

  it('shows the same screen in English with JavaScript', async () => {
    const { page, context } = await ui.signedIn('admin', `/statistics?${new URLSearchParams(STATISTICS_RANGE)}`, { locale: 'en-GB' });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Statistics');
    expect(await page.getByRole('img', { name: 'Load by weekday' }).count()).toBe(1);
    expect(
      await page
        .getByRole('row', { name: /Booked appointments/ })
        .locator('td')
        .textContent(),
    ).toBe('9');
    await inspect(page, 'statistics-en');
    await context.close();
  });
});
