/** What the admin app's browser tests share: checking a page, reading a field, submitting a form. */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y } from '@termin/testkit/browser';

// Screenshots of every admin page from this run, next to the run's other results (not in git).
const shots = fileURLToPath(new URL('../../../.test-results/admin-screens/', import.meta.url));
mkdirSync(shots, { recursive: true });

export const screenshot = (page: Page, name: string) => page.screenshot({ path: `${shots}${name}.png`, fullPage: true });

/** Every page the admin sees: no WCAG 2.1 AA violation (axe needs the page's JavaScript), and a full-page screenshot. */
export async function inspect(page: Page, name: string) {
  expect(await checkA11y(page), `axe on ${name}`).toEqual([]);
  await screenshot(page, name);
}

export const field = (page: Page, name: string) => page.locator(`[id="${name}"]`);

/** The message shown for a refused field: the input is marked invalid and names its message. */
export async function errorOf(page: Page, name: string) {
  const input = field(page, name);
  expect(await input.getAttribute('aria-invalid'), `${name} marked invalid`).toBe('true');
  const describedBy = await input.getAttribute('aria-describedby');
  return (await page.locator(`[id="${describedBy}"]`).textContent())?.trim();
}

/**
 * Submits a form through use:enhance and waits until the page shows the answer: a refusal is
 * applied as it comes, a success only after the page's data has been loaded again.
 */
export async function submit(page: Page, name: string) {
  const reloaded = page.waitForResponse((r) => r.url().includes('__data.json')).catch(() => null);
  const [posted] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name, exact: true }).click()]);
  const answer = (await posted.json()) as { type: string };
  if (answer.type === 'success') await reloaded;
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
}

export interface NewService {
  slug: string;
  nameDe: string;
  nameEn: string;
  prefix: string;
  duration?: string;
  documentsDe?: string;
  feeCents?: string;
}

/** Creates a service through the admin form (two places per slot, one kept for the office) and lands on its page. */
export async function createService(page: Page, appUrl: string, s: NewService) {
  await page.goto(new URL('/services/new', appUrl).href);
  await field(page, 'slug').fill(s.slug);
  await field(page, 'nameDe').fill(s.nameDe);
  await field(page, 'nameEn').fill(s.nameEn);
  await field(page, 'durationMinutes').fill(s.duration ?? '15');
  await field(page, 'ticketPrefix').fill(s.prefix);
  await field(page, 'documentsDe').fill(s.documentsDe ?? 'Personalausweis');
  if (s.feeCents) await field(page, 'feeCents').fill(s.feeCents);
  await field(page, 'slotCapacity').fill('2');
  await field(page, 'internalPlaces').fill('1');
  await createAndLand(page, /\/services\/[0-9a-f-]{36}\?created=1$/);
}

/**
 * Presses "Anlegen" and waits for the new record's page. On a machine busy building apps beside
 * the test the answer can take longer than Playwright's 30 s; when it never comes, the error says
 * where the page stayed and what it showed, so a refusal is not mistaken for slowness.
 */
export async function createAndLand(page: Page, landing: RegExp) {
  try {
    await Promise.all([page.waitForURL(landing, { timeout: 90_000 }), page.getByRole('button', { name: 'Anlegen' }).click()]);
  } catch (error) {
    const shown = await page
      .locator('[role="alert"], [role="status"], [aria-invalid="true"]')
      .evaluateAll((els) => els.map((e) => (e instanceof HTMLInputElement ? `invalid ${e.id}` : e.textContent?.trim())).join(' | '))
      .catch(() => '(page not readable)');
    throw new Error(`no ${landing} after "Anlegen"; the page stayed at ${page.url()} showing: ${shown}`, { cause: error });
  }
}
