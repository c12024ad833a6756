import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useWebAppUnderTest, type WebAppUnderTest } from '@termin/api/testing/running-stack';
import { defaultDevPassword } from '@termin/dev-idp';
import { checkA11y, signInThroughProvider } from '@termin/testkit/browser';

const ui = useWebAppUnderTest(fileURLToPath(new URL('..', import.meta.url)));

const newPage: WebAppUnderTest['newPage'] = (options) => ui.newPage(options);
const signedIn: WebAppUnderTest['signedIn'] = (username, path, options) => ui.signedIn(username, path, options);

describe('staff sign-in', () => {
  it('sends a signed-out visitor to the provider with PKCE S256 and back to the page asked for', async () => {
    const { page } = await newPage({ locale: 'de-DE' });
    const authorizationRequests: URL[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.endsWith('/protocol/openid-connect/auth')) authorizationRequests.push(url);
    });
    await page.goto(new URL('/?lang=en', ui.app.url).href);
    expect(page.url()).toContain('/realms/terminvergabe/');
    expect(await page.locator('#username').isVisible()).toBe(true);
    expect(authorizationRequests[0]?.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizationRequests[0]?.searchParams.get('code_challenge')).toBeTruthy();

    await signInThroughProvider(page, { username: 'staff', password: defaultDevPassword('staff') }, ui.app.url);
    expect(new URL(page.url()).search).toBe('?lang=en');
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toBe('Signed in as staff');
    expect(await page.getByRole('region', { name: 'Your locations' }).getByRole('heading', { level: 3 }).allTextContents()).toEqual([
      'Bürgeramt Mitte',
      'Kfz-Zulassungsstelle',
    ]);
  });

  it('keeps tokens out of the browser: only an httpOnly session cookie', async () => {
    const { page, context } = await signedIn('staff');
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'staff_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');
    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
    expect(storage).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
    expect(await page.content()).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ/);
  });

  it("lets the page's own code open the live queue socket with a one-time ticket, never a token", async () => {
    const { page } = await signedIn('staff');
    const mitte = await ui.stack.db.location.findFirstOrThrow({ where: { slug: 'buergeramt-mitte' } });
    const result = await page.evaluate(async (locationId) => {
      const res = await fetch('/live-ticket', { method: 'POST' });
      const { ticket, socketUrl } = (await res.json()) as { ticket: string; socketUrl: string };
      const first = await new Promise<string>((resolve, reject) => {
        const ws = new WebSocket(socketUrl);
        ws.onopen = () => ws.send(JSON.stringify({ type: 'subscribe', locationId, ticket }));
        ws.onmessage = (event) => {
          resolve(String(event.data));
          ws.close();
        };
        ws.onerror = () => reject(new Error('socket error'));
      });
      return { ticket, first };
    }, mitte.id);
    expect(result.ticket).not.toMatch(/^eyJ/);
    expect(JSON.parse(result.first)).toEqual({ type: 'subscribed', data: { locationId: mitte.id, view: 'staff' } });
  });

  it('signs out: the session ends and the next visit asks for the password again', async () => {
    const { page } = await signedIn('staff', '/', { locale: 'de-DE' });
    await page.getByRole('button', { name: 'Abmelden' }).click();
    // The provider ends its session too and sends the browser back to the app, which asks for sign-in.
    await page
      .locator('#password')
      .waitFor({ timeout: 15_000 })
      .catch(async () => {
        throw new Error(`no sign-in form after signing out; at ${page.url()}: ${(await page.content()).slice(0, 400)}`);
      });
    await page.goto(new URL('/', ui.app.url).href);
    expect(page.url()).toContain('/realms/terminvergabe/');
    expect(await page.locator('#password').isVisible()).toBe(true);
  });

  it('shows the home page in German and English without WCAG 2.1 AA violations, also on a phone', async () => {
    const { page } = await signedIn('staff', '/', { locale: 'de-DE', viewport: { width: 375, height: 667 }, isMobile: true });
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Arbeitsplätze');
    expect(await checkA11y(page)).toEqual([]);
    const widths = await page.evaluate(() => ({ content: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    expect(widths.content).toBeLessThanOrEqual(widths.viewport);
    await page.goto(new URL('/?lang=en', ui.app.url).href);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Workstations');
    expect(await checkA11y(page)).toEqual([]);
  });

  it('answers a broken sign-in callback with a way to try again', async () => {
    const { page } = await newPage({ locale: 'en-GB' });
    const response = await page.goto(new URL('/auth/callback?code=forged&state=forged&lang=en', ui.app.url).href);
    expect(response?.status()).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign-in not completed');
    expect(await page.getByRole('link', { name: 'Sign in again' }).getAttribute('href')).toBe('/auth/login');
  });
});

describe('staff /health', () => {
  it('answers JSON without sign-in', async () => {
    const response = await fetch(`${ui.app.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', app: 'staff' });
  });
});

describe('security headers', () => {
  it('allows the camera on the kiosk only, lets the live socket through the Content-Security-Policy and refuses framing', async () => {
    const mitte = await ui.stack.db.location.findFirstOrThrow({ where: { slug: 'buergeramt-mitte' } });
    const clerk = (await signedIn('staff', '/', { locale: 'de-DE' })).page;
    const home = (await clerk.goto(new URL('/', ui.app.url).href))!.headers();
    const { page } = await signedIn('kiosk', '/', { locale: 'de-DE' });
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    expect(home['permissions-policy']).toContain('camera=()');
    expect(home['x-frame-options']).toBe('DENY');
    expect(home['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(home['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(home['content-security-policy']).toMatch(/script-src 'self' 'nonce-/);
    const api = new URL(ui.stack.apiUrl);
    expect(home['content-security-policy']).toContain(`connect-src 'self' ws://${api.host}`);

    const kiosk = (await page.goto(new URL(`/kiosk/${mitte.id}`, ui.app.url).href))!.headers();
    expect(kiosk['permissions-policy']).toContain('camera=(self)');
    expect(kiosk['permissions-policy']).toContain('microphone=()');
    await page.waitForFunction(() => Object.keys(window).some((k) => k.startsWith('__sveltekit')));
    expect(await checkA11y(page)).toEqual([]);
    expect(violations).toEqual([]);
  });
});
