import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkA11y } from '@termin/testkit/browser';
import { waitFor } from '@termin/testkit/wait';
import { choiceOf, freeDay, phone, usePortal } from './portal';

/**
 * A rush day: the municipality switched the booking challenge on. With JavaScript the ALTCHA widget
 * solves it in the browser (its worker served by the portal itself); without, the page asks for a
 * short wait, refuses an early send keeping what was typed, and books after the wait.
 */
const portal = usePortal({ apiEnv: { BOOKING_CHALLENGE_WAIT_MS: '6000', BOOKING_CHALLENGE_MAX_NUMBER: '50000' } });

beforeAll(async () => {
  await portal.stack.db.tenant.update({ where: { slug: 'demo' }, data: { bookingChallenge: true } });
});

async function detailsPath(n: number, slot: number) {
  const choice = await choiceOf(portal, 'buergeramt-mitte', 'personalausweis');
  const starts = await (await freeDay(portal, choice, n)).starts();
  return `/book/${choice.locationId}/${choice.serviceId}/details?startsAt=${encodeURIComponent(starts[slot]!)}`;
}

async function fillIn(page: Page, name: string, email: string) {
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel(/einverstanden/).check();
}

describe('the rush-day challenge on the booking form', () => {
  it('with JavaScript: the widget solves the challenge in the browser and the booking goes through', async () => {
    const requests: string[] = [];
    const page = await portal.open(await detailsPath(1, 0), { ...phone, locale: 'de-DE' });
    page.on('request', (r) => requests.push(r.url()));
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const missing: string[] = [];
    page.on('response', (r) => r.status() >= 400 && missing.push(r.url()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.locator('altcha-widget').waitFor();
    expect(await page.getByText(/löst Ihr Browser eine kleine Rechenaufgabe/).count()).toBe(1);
    await fillIn(page, 'Erika Mustermann', 'erika.rush@example.org');
    // Solved when the widget has filled its hidden field.
    await waitFor('the widget solved the challenge', async () => (await page.locator('input[name="altcha"]').inputValue()).length > 0);
    expect(await checkA11y(page)).toEqual([]);
    await page.getByRole('button', { name: 'Termin verbindlich buchen' }).click();
    await page.waitForURL(/\/booked\//);
    const code = (await page.locator('dd.code').textContent())!;
    expect(await portal.stack.db.appointment.count({ where: { bookingCode: code } })).toBe(1);
    // Nothing but the portal itself was asked (no outside service), and the CSP refused nothing.
    expect(requests.filter((url) => !url.startsWith(portal.app.url))).toEqual([]);
    // Every script of the widget (its worker too) came from the portal, and the CSP refused none.
    expect(missing.filter((url) => url.includes('/_app/'))).toEqual([]);
    expect(
      errors.filter((e) => /Content Security Policy|worker/i.test(e)),
      String(missing),
    ).toEqual([]);
  });

  it('without JavaScript: asks for the wait, refuses an early send keeping what was typed, books after the wait', async () => {
    const page = await portal.open(await detailsPath(1, 1), { ...phone, locale: 'de-DE', javaScriptEnabled: false });
    expect(await page.getByText('warten Sie bitte 6 Sekunden, nachdem diese Seite geöffnet wurde').count()).toBe(1);
    await fillIn(page, 'Max Muster', 'max.rush@example.org');
    const token = await page.locator('input[name="waitToken"]').inputValue();
    await page.getByRole('button', { name: 'Termin verbindlich buchen' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/Bitte warten Sie noch \d Sekunden und senden Sie das Formular dann noch einmal ab/);
    expect(await page.getByLabel('Name').inputValue()).toBe('Max Muster');
    expect(await page.getByLabel('E-Mail-Adresse').inputValue()).toBe('max.rush@example.org');
    // The same token again: the wait is not started over.
    expect(await page.locator('input[name="waitToken"]').inputValue()).toBe(token);
    const before = await portal.stack.db.appointment.count();
    await page.getByLabel(/einverstanden/).check();
    // The token names its "not before" instant: wait until the clock has passed it.
    const notBefore = Number(token.split('.')[0]);
    await waitFor('the wait is over', () => Date.now() > notBefore + 200);
    await page.getByRole('button', { name: 'Termin verbindlich buchen' }).click();
    await page.waitForURL(/\/booked\//);
    expect(await portal.stack.db.appointment.count()).toBe(before + 1);
  });

  it('passes axe on the form without scripts, with the wait text', async () => {
    const page = await portal.openWithoutScripts(await detailsPath(2, 0), { locale: 'de-DE' });
    await page.getByText(/warten Sie bitte 6 Sekunden/).waitFor();
    expect(await checkA11y(page)).toEqual([]);
  });
});
