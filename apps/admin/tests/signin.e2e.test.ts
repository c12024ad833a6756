import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useWebAppUnderTest } from '@termin/api/testing/running-stack';
import { defaultDevPassword } from '@termin/dev-idp';
import { checkA11y, signInThroughProvider } from '@termin/testkit/browser';

const ui = useWebAppUnderTest(fileURLToPath(new URL('..', import.meta.url)));

describe('admin sign-in', () => {
  it('lets an administrator in, with every location of the municipality, in German and English', async () => {
    const { page, context } = await ui.signedIn('admin', '/', { locale: 'de-DE' });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Verwaltung');
    expect(await page.getByRole('region', { name: 'Angemeldet als admin' }).getByRole('listitem').allTextContents()).toEqual(['Bürgeramt Mitte', 'Kfz-Zulassungsstelle']);
    expect((await context.cookies()).find((c) => c.name === 'admin_session')?.httpOnly).toBe(true);
    expect(await checkA11y(page)).toEqual([]);
    await page.goto(new URL('/?lang=en', ui.app.url).href);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Administration');
    expect(await checkA11y(page)).toEqual([]);
  });

  it('answers a clerk with 403 and a way out, not the administration', async () => {
    const { page } = await ui.newPage({ locale: 'de-DE' });
    await page.goto(new URL('/', ui.app.url).href);
    const responses: number[] = [];
    page.on('response', (r) => {
      if (r.url().startsWith(ui.app.url) && r.request().resourceType() === 'document') responses.push(r.status());
    });
    await signInThroughProvider(page, { username: 'staff', password: defaultDevPassword('staff') }, ui.app.url);
    expect(responses.at(-1)).toBe(403);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Kein Zugriff');
    expect(await page.content()).not.toContain('Kfz-Zulassungsstelle');
    expect(await page.getByRole('button', { name: 'Abmelden' }).isVisible()).toBe(true);
    expect(await checkA11y(page)).toEqual([]);
  });

  it('answers /health without sign-in', async () => {
    const response = await fetch(`${ui.app.url}/health`);
    expect(await response.json()).toEqual({ status: 'ok', app: 'admin' });
  });
});

describe('security headers', () => {
  it('sends a nonce-based Content-Security-Policy, no framing and no camera; the home runs under them', async () => {
    const { page } = await ui.signedIn('admin', '/', { locale: 'de-DE' });
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const headers = (await page.goto(new URL('/', ui.app.url).href))!.headers();
    expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-/);
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['permissions-policy']).toContain('camera=()');
    await page.waitForFunction(() => Object.keys(window).some((k) => k.startsWith('__sveltekit')));
    expect(await checkA11y(page)).toEqual([]);
    expect(violations).toEqual([]);
  });
});
