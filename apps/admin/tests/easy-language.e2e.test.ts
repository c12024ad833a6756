import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '@termin/api/testing/running-stack';
import { defaultDevPassword } from '@termin/dev-idp';
import { checkA11y, signInThroughProvider, type BuiltApp } from '@termin/testkit/browser';
import { useAppsUnderTest } from './apps-under-test';

/**
 * Leichte Sprache from the administrator to the citizen: the admin writes a service's documents to
 * bring in easy German, and the portal shows them to a reader who chose "Leichte Sprache" in its
 * language menu (remembered, without JavaScript), the standard German text to everyone else, and the
 * standard text where no easy one exists.
 */
const under = useAppsUnderTest({ apps: ['admin', 'citizen'] });
let stack: RunningStack;
let admin: BuiltApp;
let citizen: BuiltApp;
beforeAll(() => {
  ({ stack } = under);
  ({ admin, citizen } = under.apps);
});
const { newPage } = under;

const EASY = 'Bitte bringen Sie mit: Ihren alten Ausweis. Und ein neues Foto von Ihnen.';
const STANDARD = 'Bisheriger Ausweis oder Geburtsurkunde, ein aktuelles biometrisches Passfoto';

describe('Leichte Sprache', () => {
  it('the admin writes a service’s documents in easy German; the portal shows them in Leichte Sprache and the standard text in German', async () => {
    const service = await stack.db.service.findFirstOrThrow({ where: { slug: 'personalausweis' } });
    const office = await stack.db.location.findFirstOrThrow({ where: { slug: 'buergeramt-mitte' } });

    const adminPage = await newPage();
    await adminPage.goto(new URL(`/services/${service.id}`, admin.url).href);
    await signInThroughProvider(adminPage, { username: 'admin', password: defaultDevPassword('admin') }, admin.url);
    const easyField = adminPage.getByLabel('Mitzubringende Unterlagen (Leichte Sprache)');
    await easyField.fill(EASY);
    expect(await easyField.getAttribute('lang')).toBe('de');
    const [posted] = await Promise.all([
      adminPage.waitForResponse((r) => r.request().method() === 'POST'),
      adminPage.getByRole('button', { name: 'Speichern', exact: true }).click(),
    ]);
    expect(((await posted.json()) as { type: string }).type).toBe('success');
    expect(await checkA11y(adminPage)).toEqual([]);
    expect((await stack.db.service.findUniqueOrThrow({ where: { id: service.id } })).documentsEasy).toBe(EASY);

    // The citizen, without JavaScript: German first, then Leichte Sprache from the language menu.
    const page = await newPage({ javaScriptEnabled: false, viewport: { width: 375, height: 740 } });
    const servicePage = new URL(`/book/${office.id}/${service.id}`, citizen.url).href;
    await page.goto(servicePage);
    const documents = page.getByRole('region', { name: 'Bitte mitbringen' });
    expect(await documents.textContent()).toContain(STANDARD);
    const menu = page.getByRole('navigation', { name: 'Sprache wählen' });
    expect(await menu.getByRole('link', { name: 'Deutsch' }).getAttribute('aria-current')).toBe('true');
    await menu.getByRole('link', { name: 'Leichte Sprache' }).click();
    await page.waitForURL(/easy=1/);
    expect(await documents.textContent()).toContain(EASY);
    expect(await documents.textContent()).not.toContain(STANDARD);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await menu.getByRole('link', { name: 'Leichte Sprache' }).getAttribute('aria-current')).toBe('true');
    expect(await menu.getByRole('link', { name: 'Deutsch' }).getAttribute('aria-current')).toBeNull();
    const withScript = await newPage({ viewport: { width: 375, height: 740 } });
    await withScript.goto(`${servicePage}?lang=de&easy=1`);
    expect(await withScript.getByRole('region', { name: 'Bitte mitbringen' }).textContent()).toContain(EASY);
    expect(await checkA11y(withScript)).toEqual([]);

    // Remembered like the language: the next page, reached without the parameter, stays easy.
    await page.goto(servicePage);
    expect(await documents.textContent()).toContain(EASY);
    // A service with no easy text shows its standard German one.
    const other = await stack.db.service.findFirstOrThrow({ where: { id: { not: service.id }, locations: { some: { locationId: office.id } } } });
    await stack.db.service.update({ where: { id: other.id }, data: { documentsDe: 'Die Meldebescheinigung', documentsEasy: null } });
    await page.goto(new URL(`/book/${office.id}/${other.id}`, citizen.url).href);
    expect(await documents.textContent()).toContain('Die Meldebescheinigung');

    // English readers never get the easy German text; back to German, the standard text again.
    await page.goto(`${servicePage}?lang=en`);
    expect(await page.getByRole('region', { name: 'Please bring' }).textContent()).toContain('biometric passport photo');
    await page.getByRole('navigation', { name: 'Choose language' }).getByRole('link', { name: 'Deutsch' }).click();
    await page.waitForURL(/lang=de&easy=0/);
    expect(await documents.textContent()).toContain(STANDARD);
    await page.goto(servicePage);
    expect(await documents.textContent()).toContain(STANDARD);
  }, 120_000);
});
