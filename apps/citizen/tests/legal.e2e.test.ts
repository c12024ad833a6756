import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkA11y, loadedImageWidth } from '@termin/testkit/browser';
import { solidPng } from '@termin/testkit/png';
import { noHorizontalScroll, phone, screenshotFolder, usePortal } from './portal';

const portal = usePortal();
const { open } = portal;
const shots = screenshotFolder('citizen-legal');

async function inspect(page: Page, name: string) {
  expect(await checkA11y(page), `axe on ${name}`).toEqual([]);
  await page.screenshot({ path: `${shots}${name}.png`, fullPage: true });
}

const footerLinks = (page: Page, nav: string) =>
  page
    .getByRole('navigation', { name: nav })
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => [a.textContent?.trim(), a.getAttribute('href')]));

describe("the municipality's legal pages and branding", () => {
  // First: the portal keeps the municipality's settings for a minute, so they are set before any page asks.
  it("shows the municipality's logo and colour in the header of every page", async () => {
    const logo = solidPng(120, 40, [107, 31, 122]);
    await portal.stack.db.tenant.update({
      where: { slug: 'demo' },
      data: { primaryColor: '#6b1f7a', logo: new Uint8Array(logo), logoContentType: 'image/png', version: { increment: 1 } },
    });
    const page = await open('/', { locale: 'de-DE' });
    const header = await page.locator('header').evaluate((h) => getComputedStyle(h).backgroundColor);
    expect(header).toBe('rgb(107, 31, 122)');
    const img = page.getByRole('img', { name: 'Logo von Stadt Demo (Berlin)' });
    expect(await loadedImageWidth(img)).toBeGreaterThan(0);
    await inspect(page, 'home-branded');
  });

  it('links imprint, privacy notice and accessibility statement from every footer, in German', async () => {
    const page = await open('/', { locale: 'de-DE' });
    expect(await footerLinks(page, 'Rechtliches')).toEqual([
      ['Impressum', '/impressum'],
      ['Datenschutz', '/datenschutz'],
      ['Barrierefreiheit', '/barrierefreiheit'],
    ]);
    await page.getByRole('link', { name: 'Impressum' }).click();
    await page.waitForURL(/\/impressum$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Impressum');
    expect(await page.locator('.legal-text').getAttribute('lang')).toBe('de');
    expect(await page.locator('main').textContent()).toContain('Karl-Marx-Allee 31');
    await inspect(page, 'impressum-de');

    await page.getByRole('link', { name: 'Barrierefreiheit' }).click();
    await page.waitForURL(/\/barrierefreiheit$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Erklärung zur Barrierefreiheit');
    expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe('Barrieren melden');
    expect(await page.getByRole('link', { name: 'barrierefreiheit@demo.termin.invalid' }).getAttribute('href')).toBe('mailto:barrierefreiheit@demo.termin.invalid');
    await inspect(page, 'barrierefreiheit-de');

    // A page deeper in the booking flow has the same footer.
    await page.goto(new URL('/', portal.app.url).href);
    await page.getByRole('link', { name: /Bürgeramt Mitte/ }).click();
    await page.waitForURL(/\/book\/[^/]+$/);
    expect(await footerLinks(page, 'Rechtliches')).toHaveLength(3);
  });

  it('links the privacy notice from the consent box of the booking form', async () => {
    const page = await open('/', { locale: 'en-GB' });
    await page.getByRole('link', { name: /Bürgeramt Mitte/ }).click();
    await page.waitForURL(/\/book\/[^/]+$/);
    await page.getByRole('link', { name: 'Apply for an identity card' }).click();
    await page.waitForURL(/\/book\/[^/]+\/[^/?]+$/);
    await page.locator('ul.days a').nth(1).click();
    await page.waitForURL(/\?date=\d{4}-\d{2}-\d{2}$/);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/details\?startsAt=/);
    const link = page.getByRole('link', { name: 'How we process your details is explained in the privacy notice.' });
    await link.click();
    await page.waitForURL(/\/datenschutz$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Privacy notice');
    expect(await page.locator('.legal-text').getAttribute('lang')).toBe('en');
    expect(await page.locator('main').textContent()).toContain('GDPR');
    await inspect(page, 'datenschutz-en');
  });

  it('reads right to left in Arabic on a phone, with the English text marked as English', async () => {
    const page = await open('/barrierefreiheit?lang=ar', { ...phone, locale: 'ar' });
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('بيان إمكانية الوصول');
    expect(await page.locator('.legal-text').getAttribute('lang')).toBe('en');
    expect(await page.locator('.legal-text').evaluate((d) => getComputedStyle(d).direction)).toBe('ltr');
    expect(await page.locator('main').textContent()).toContain('هذا النص متوفر باللغة English فقط.');
    expect(await footerLinks(page, 'معلومات قانونية')).toEqual([
      ['بيانات الناشر', '/impressum'],
      ['الخصوصية', '/datenschutz'],
      ['إمكانية الوصول', '/barrierefreiheit'],
    ]);
    expect(await noHorizontalScroll(page)).toBe(true);
    await inspect(page, 'barrierefreiheit-ar');
  });

  it.each(['tr', 'uk'] as const)('has the legal pages in %s, the text in English', async (lang) => {
    const page = await open(`/impressum?lang=${lang}`, { locale: lang });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
    expect(await page.locator('.legal-text').getAttribute('lang')).toBe('en');
    expect(await page.locator('main').textContent()).toContain('City of Demo');
    expect(await checkA11y(page)).toEqual([]);
  });

  it('works without JavaScript', async () => {
    const page = await open('/datenschutz', { locale: 'de-DE', javaScriptEnabled: false });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Datenschutzerklärung');
    expect(await page.locator('main').textContent()).toContain('Art. 6 Abs. 1 lit. e DSGVO');
    await page.getByRole('link', { name: 'Impressum' }).click();
    await page.waitForURL(/\/impressum$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Impressum');
  });
});
