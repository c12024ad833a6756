import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDevPassword, startDevIdp, type DevIdp } from '@termin/dev-idp';
import { browseToRedirect } from '@termin/dev-idp/test-login';
import { productionRealmFile } from '@termin/keycloak-realm';
import { createWebAuth, safeReturnPath, SignInError, type CookieJar, type WebAuth } from '../src';

/** What a browser keeps for one site: enough to play SvelteKit's Cookies in these tests. */
function browserCookies(): CookieJar & { values: Map<string, string>; options: Map<string, object> } {
  const values = new Map<string, string>();
  const options = new Map<string, object>();
  return {
    values,
    options,
    get: (name) => values.get(name),
    set: (name, value, opts) => {
      values.set(name, value);
      options.set(name, opts);
    },
    delete: (name) => {
      values.delete(name);
    },
  };
}

let idp: DevIdp;
let auth: WebAuth;
const appUrl = 'http://localhost:3001';
const redirectUri = `${appUrl}/auth/callback`;

beforeAll(async () => {
  idp = await startDevIdp({ port: 0, env: { NODE_ENV: 'test' } });
  auth = createWebAuth({ issuer: idp.issuer, clientId: 'termin-staff', appUrl, sessionSecret: 's'.repeat(40), cookiePrefix: 'staff' });
});
afterAll(async () => idp?.close());

async function signIn(cookies: CookieJar, username = 'staff', returnTo = '/queue') {
  const url = await auth.beginSignIn(cookies, returnTo);
  const callback = await browseToRedirect(url, { redirectUri, username, password: defaultDevPassword(username) });
  return auth.finishSignIn(cookies, callback);
}

describe('staff sign-in through the OIDC provider', () => {
  it('uses the authorization code flow with PKCE S256, state and nonce', async () => {
    const url = await auth.beginSignIn(browserCookies(), '/');
    expect(url.pathname).toBe('/realms/terminvergabe/protocol/openid-connect/auth');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('response_type')).toBe('code');
  });

  it('signs a clerk in and keeps the session only in an encrypted httpOnly SameSite=Lax cookie', async () => {
    const cookies = browserCookies();
    expect(await signIn(cookies)).toBe('/queue');
    const session = await auth.getSession(cookies);
    expect(session?.user).toMatchObject({ username: 'staff', roles: ['staff'], tenant: 'demo' });
    expect(session?.user.locations).toContain('buergeramt-mitte');
    const sealed = cookies.values.get('staff_session')!;
    expect(sealed.length).toBeLessThan(4096);
    expect(sealed).not.toContain(session!.accessToken.split('.')[1]);
    expect(cookies.options.get('staff_session')).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/' });
    expect(cookies.values.has('staff_signin')).toBe(false);
  });

  it('refuses a callback whose state does not match, and one without a started sign-in', async () => {
    const cookies = browserCookies();
    const url = await auth.beginSignIn(cookies, '/');
    const callback = await browseToRedirect(url, { redirectUri, username: 'staff', password: defaultDevPassword('staff') });
    callback.searchParams.set('state', 'forged');
    await expect(auth.finishSignIn(cookies, callback)).rejects.toBeInstanceOf(SignInError);
    expect(await auth.getSession(cookies)).toBeNull();
    await expect(auth.finishSignIn(browserCookies(), new URL(`${redirectUri}?code=x&state=y`))).rejects.toBeInstanceOf(SignInError);
  });

  it('treats an altered cookie as signed out', async () => {
    const cookies = browserCookies();
    await signIn(cookies);
    const sealed = cookies.values.get('staff_session')!;
    cookies.values.set('staff_session', sealed.slice(0, -3) + (sealed.endsWith('AAA') ? 'BBB' : 'AAA'));
    expect(await auth.getSession(cookies)).toBeNull();
  });

  it('refreshes the access token before it expires', async () => {
    const cookies = browserCookies();
    await signIn(cookies);
    const first = (await auth.getSession(cookies))!;
    const later = await auth.getSession(cookies, first.expiresAt * 1000);
    expect(later?.accessToken).toBeTruthy();
    expect(later?.accessToken).not.toBe(first.accessToken);
    expect(later?.user.username).toBe('staff');
  });

  it('signs out: the session is gone and the provider is asked to end its session too', async () => {
    const cookies = browserCookies();
    await signIn(cookies);
    const logout = await auth.signOut(cookies);
    expect(logout.pathname).toBe('/realms/terminvergabe/protocol/openid-connect/logout');
    expect(logout.searchParams.get('post_logout_redirect_uri')).toBe(`${appUrl}/`);
    expect(await auth.getSession(cookies)).toBeNull();
  });

  it('returns only to paths of this app after sign-in', () => {
    expect(safeReturnPath('/queue?location=1', appUrl)).toBe('/queue?location=1');
    expect(safeReturnPath('//evil.example/', appUrl)).toBe('/');
    expect(safeReturnPath('https://evil.example/', appUrl)).toBe('/');
    expect(safeReturnPath(null, appUrl)).toBe('/');
  });

  it.each([
    ['a tab the URL parser drops', '/\t/evil.example/'],
    ['a newline the URL parser drops', '/\n/evil.example/'],
    ['a carriage return between the slashes', '/\r/evil.example'],
    ['a backslash read as a slash', '/\\evil.example/'],
    ['two backslashes', '\\\\evil.example'],
    ['a backslash after a slash and a tab', '/\t\\evil.example'],
    ['a dot segment that collapses into //', '/.//evil.example/'],
    ['a protocol-relative URL', '//evil.example/'],
    ['a scheme of another origin', 'https:evil.example'],
    ['the app host on another scheme', 'https://localhost:3001/queue'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['leading spaces before //', '  //evil.example'],
  ])('refuses %s as the return path', async (_label, returnTo) => {
    expect(safeReturnPath(returnTo, appUrl)).toBe('/');
  });

  it('keeps encoded slashes as a path of this app, where a browser cannot read them as a host', () => {
    expect(safeReturnPath('/%2F%2Fevil.example', appUrl)).toBe('/%2F%2Fevil.example');
    expect(safeReturnPath('/%5Cevil.example', appUrl)).toBe('/%5Cevil.example');
    expect(safeReturnPath('/%09/evil.example', appUrl)).toBe('/%09/evil.example');
    expect(safeReturnPath('/queue/../kiosk?x=1#top', appUrl)).toBe('/kiosk?x=1#top');
    expect(safeReturnPath(`${appUrl}/queue`, appUrl)).toBe('/queue');
  });

  it('comes back to the app, not to another host, after a sign-in started with a tab-smuggled return path', async () => {
    const cookies = browserCookies();
    expect(await signIn(cookies, 'staff', '/\t/evil.example/')).toBe('/');
  });
});

describe("sign-in as the production realm's confidential client", () => {
  const productionAppUrl = 'http://localhost:3101';
  const secret = 'staff-client-secret-for-this-test';
  const clerk = { username: 'clerk', password: 'a-long-clerk-password', roles: ['staff'], tenant: 'demo', locations: ['buergeramt-mitte'] };
  let productionIdp: DevIdp;

  beforeAll(async () => {
    productionIdp = await startDevIdp({
      port: 0,
      realmFile: productionRealmFile,
      env: { NODE_ENV: 'test', TERMIN_STAFF_URL: productionAppUrl, TERMIN_STAFF_CLIENT_SECRET: secret },
      users: [clerk],
    });
  });
  afterAll(async () => productionIdp?.close());

  const confidential = (clientSecret: string) =>
    createWebAuth({
      issuer: productionIdp.issuer,
      clientId: 'termin-staff',
      clientSecret,
      appUrl: productionAppUrl,
      sessionSecret: 's'.repeat(40),
      cookiePrefix: 'staff',
    });

  it('signs a clerk in with the client secret', async () => {
    const web = confidential(secret);
    const cookies = browserCookies();
    const url = await web.beginSignIn(cookies, '/queue');
    const callback = await browseToRedirect(url, { redirectUri: `${productionAppUrl}/auth/callback`, username: clerk.username, password: clerk.password });
    expect(await web.finishSignIn(cookies, callback)).toBe('/queue');
    expect((await web.getSession(cookies))?.user).toMatchObject({ username: 'clerk', roles: ['staff'], tenant: 'demo' });
  });

  it('gets no session with a wrong client secret', async () => {
    const web = confidential('a-wrong-secret-of-enough-length');
    const cookies = browserCookies();
    const url = await web.beginSignIn(cookies, '/queue');
    const callback = await browseToRedirect(url, { redirectUri: `${productionAppUrl}/auth/callback`, username: clerk.username, password: clerk.password });
    await expect(web.finishSignIn(cookies, callback)).rejects.toThrow();
    expect(await web.getSession(cookies)).toBeNull();
  });

  it('knows none of the demo accounts', async () => {
    const web = confidential(secret);
    const url = await web.beginSignIn(browserCookies(), '/');
    await expect(browseToRedirect(url, { redirectUri: `${productionAppUrl}/auth/callback`, username: 'staff', password: defaultDevPassword('staff') })).rejects.toThrow();
  });
});
