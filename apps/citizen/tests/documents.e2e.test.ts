import { describe, expect, it } from 'vitest';
import { checkA11y } from '@termin/testkit/browser';
import { phone, usePortal } from './portal';

const portal = usePortal();

// The demo's identity card service says what to bring in German and English (packages/db seed).
describe('documents to bring', () => {
  it('shows them on the time step and the confirmation without JavaScript, in the reader’s language with the German text as fallback', async () => {
    const page = await portal.open('/', { ...phone, locale: 'de-DE', javaScriptEnabled: false });
    await page.getByRole('link', { name: /Bürgeramt Mitte/ }).click();
    await page.waitForURL(/\/book\/[^/]+$/);
    await page.getByRole('link', { name: 'Personalausweis beantragen' }).click();
    await page.waitForURL(/\/book\/[^/]+\/[^/?]+$/);
    const documents = page.getByRole('region', { name: 'Bitte mitbringen' });
    expect(await documents.textContent()).toContain('Bisheriger Ausweis oder Geburtsurkunde, ein aktuelles biometrisches Passfoto');
    await page.locator('ul.choices a').nth(1).click();
    await page.waitForURL(/\?date=\d{4}-\d{2}-\d{2}$/);
    expect(await documents.textContent()).toContain('biometrisches Passfoto');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByLabel('Name').fill('Dora Dokument');
    await page.getByLabel('E-Mail-Adresse').fill('dora@example.org');
    await page.getByLabel(/einverstanden/).check();
    await page.getByRole('button', { name: 'Termin verbindlich buchen' }).click();
    await page.waitForURL(/\/booked\//);
    expect(await page.locator('dl').textContent()).toContain('Bitte mitbringen');
    expect(await page.locator('dd.documents').textContent()).toBe('Bisheriger Ausweis oder Geburtsurkunde, ein aktuelles biometrisches Passfoto');

    // Ukrainian reads the English text; a service without an English text shows the German one.
    const service = await portal.stack.db.service.findFirstOrThrow({ where: { slug: 'personalausweis' } });
    const ukrainian = await portal.open(
      `/book/${(await portal.stack.db.location.findFirstOrThrow({ where: { slug: 'buergeramt-mitte' } })).id}/${service.id}?lang=uk`,
      phone,
    );
    expect(await ukrainian.getByRole('region', { name: 'Будь ласка, візьміть із собою' }).textContent()).toContain('biometric passport photo');
    expect(await checkA11y(ukrainian)).toEqual([]);
    await portal.stack.db.service.update({ where: { id: service.id }, data: { documentsEn: null } });
    await ukrainian.reload();
    expect(await ukrainian.getByRole('region', { name: 'Будь ласка, візьміть із собою' }).textContent()).toContain('biometrisches Passfoto');
    // No text: no section.
    await portal.stack.db.service.update({ where: { id: service.id }, data: { documentsDe: null } });
    await ukrainian.reload();
    expect(await ukrainian.getByRole('region', { name: 'Будь ласка, візьміть із собою' }).count()).toBe(0);
  }, 90_000);
});
