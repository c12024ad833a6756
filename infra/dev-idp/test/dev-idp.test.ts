import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevIdpRefusedError, demoPassword, startDevIdp, type DevIdp } from '../src/index';
import { LoginFailedError, obtainTokens } from '../src/test-login';

const staffRedirect = 'http://localhost:3001/auth/callback';
const adminRedirect = 'http://localhost:3002/auth/callback';

let idp: DevIdp;
beforeAll(async () => {
  idp = await startDevIdp({
    port: 0,
    env: { TERMIN_DEMO_KIOSK_PASSWORD: 'kiosk-from-env' },
    users: [{ username: 'clerk-third', password: 'third-pw', roles: ['staff'], tenant: 'third', locations: ['rathaus'] }],
  });
});
afterAll(() => idp.close());

async function verifiedAccessToken(token: string) {
  const jwks = createRemoteJWKSet(new URL(`${idp.issuer}/protocol/openid-connect/certs`));
  const { payload } = await jwtVerify(token, jwks, { issuer: idp.issuer, audience: 'termin-api' });
  return payload;
}

function authorizationUrl(params: Record<string, string>) {
  return `${idp.issuer}/protocol/openid-connect/auth?${new URLSearchParams({
    response_type: 'code',
    scope: 'openid',
    state: 'some-state',
    ...params,
  }).toString()}`;
}

describe('dev-idp on the Keycloak URL layout', () => {
  it('publishes discovery at the realm path with Keycloak endpoint paths and S256 only', async () => {
    expect(idp.issuer).toMatch(/^http:\/\/localhost:\d+\/realms\/terminvergabe$/);
    const response = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const discovery = (await response.json()) as Record<string, unknown>;
    const endpoint = (name: string) => `${idp.issuer}/protocol/openid-connect/${name}`;
    expect(discovery).toMatchObject({
      issuer: idp.issuer,
      authorization_endpoint: endpoint('auth'),
      token_endpoint: endpoint('token'),
      jwks_uri: endpoint('certs'),
      userinfo_endpoint: endpoint('userinfo'),
      end_session_endpoint: endpoint('logout'),
      code_challenge_methods_supported: ['S256'],
    });
  });

  it('serves an RS256 signing key at the certs endpoint', async () => {
    const { keys } = (await (await fetch(`${idp.issuer}/protocol/openid-connect/certs`)).json()) as {
      keys: Record<string, string>[];
    };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(keys[0]).not.toHaveProperty('d');
  });
});

describe('sign-in with authorization code and PKCE', () => {
  it('gives staff a signed JWT access token for termin-api with roles, tenant and locations', async () => {
    const tokens = await obtainTokens({
      issuer: idp.issuer,
      clientId: 'termin-staff',
      redirectUri: staffRedirect,
      username: 'staff',
      password: 'termin-dev-staff',
    });
    expect(decodeProtectedHeader(tokens.accessToken).alg).toBe('RS256');
    const claims = await verifiedAccessToken(tokens.accessToken);
    expect(claims).toMatchObject({
      sub: '3f1c2a9e-6d1b-4f0e-9a51-0c7e1d2b4a02',
      aud: 'termin-api',
      azp: 'termin-staff',
      preferred_username: 'staff',
      tenant: 'demo',
      locations: ['buergeramt-mitte', 'kfz-zulassung'],
    });
    expect((claims.realm_access as { roles: string[] }).roles).toContain('staff');
    expect((claims.realm_access as { roles: string[] }).roles).not.toContain('admin');
    // 300 s, give or take the second boundary between issuing and stamping.
    expect(claims.exp! - claims.iat!).toBeGreaterThanOrEqual(299);
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(300);
    expect(tokens.refreshToken).toBeTruthy();
  });

  it.each([
    ['admin', 'admin', 'demo', 'termin-dev-admin'],
    ['display', 'display', 'demo', 'termin-dev-display'],
    ['staff-other', 'staff', 'other', 'termin-dev-staff-other'],
    ['clerk-third', 'staff', 'third', 'third-pw'],
  ])('signs in %s through termin-admin with role %s in tenant %s', async (username, role, tenant, password) => {
    const tokens = await obtainTokens({ issuer: idp.issuer, clientId: 'termin-admin', redirectUri: adminRedirect, username, password });
    const claims = await verifiedAccessToken(tokens.accessToken);
    expect(claims.preferred_username).toBe(username);
    expect(claims.tenant).toBe(tenant);
    expect((claims.realm_access as { roles: string[] }).roles).toContain(role);
  });

  it('takes a demo password from its environment variable instead of the development default', async () => {
    const login = (password: string) => obtainTokens({ issuer: idp.issuer, clientId: 'termin-staff', redirectUri: staffRedirect, username: 'kiosk', password });
    await expect(login('termin-dev-kiosk')).rejects.toBeInstanceOf(LoginFailedError);
    const claims = await verifiedAccessToken((await login('kiosk-from-env')).accessToken);
    expect((claims.realm_access as { roles: string[] }).roles).toContain('kiosk');
    expect(claims.locations).toEqual(['buergeramt-mitte']);
  });

  it('refuses a wrong password, even the classic admin/admin', async () => {
    await expect(obtainTokens({ issuer: idp.issuer, clientId: 'termin-staff', redirectUri: staffRedirect, username: 'admin', password: 'admin' })).rejects.toThrow(
      /HTTP 401/,
    );
  });

  it('refreshes the access token with the refresh token, keeping the claims', async () => {
    const tokens = await obtainTokens({
      issuer: idp.issuer,
      clientId: 'termin-staff',
      redirectUri: staffRedirect,
      username: 'staff-other',
      password: 'termin-dev-staff-other',
    });
    const response = await fetch(`${idp.issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'termin-staff', refresh_token: tokens.refreshToken! }),
    });
    expect(response.status).toBe(200);
    const refreshed = (await response.json()) as { access_token: string };
    const claims = await verifiedAccessToken(refreshed.access_token);
    expect(claims).toMatchObject({ tenant: 'other', preferred_username: 'staff-other' });
  });
});

describe('authorization request checks', () => {
  it('rejects a public client request without a PKCE code challenge', async () => {
    const response = await fetch(authorizationUrl({ client_id: 'termin-staff', redirect_uri: staffRedirect }), { redirect: 'manual' });
    const location = new URL(response.headers.get('location') ?? '', idp.url);
    expect(location.href.startsWith(staffRedirect)).toBe(true);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it("does not redirect to a URI outside the client's registered patterns", async () => {
    const response = await fetch(
      authorizationUrl({
        client_id: 'termin-staff',
        redirect_uri: 'http://localhost:3002/auth/callback',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      }),
      { redirect: 'manual' },
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('redirect_uri');
  });

  it('has no client for the bearer-only termin-api', async () => {
    const response = await fetch(
      authorizationUrl({
        client_id: 'termin-api',
        redirect_uri: staffRedirect,
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      }),
      { redirect: 'manual' },
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('invalid_client');
  });
});

describe('login form', () => {
  it('is a German/English form with labelled username and password fields', async () => {
    const start = await fetch(
      authorizationUrl({
        client_id: 'termin-staff',
        redirect_uri: staffRedirect,
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      }),
      { redirect: 'manual' },
    );
    const interaction = new URL(start.headers.get('location')!, idp.url);
    expect(interaction.pathname).toMatch(/^\/realms\/terminvergabe\/login-actions\//);
    const cookie = start.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const page = await fetch(interaction, { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="de">');
    expect(html).toMatch(/<label for="username">Benutzername <span lang="en">\/ Username<\/span><\/label>/);
    expect(html).toMatch(/<input id="username" name="username"[^>]*autocomplete="username"/);
    expect(html).toMatch(/<input id="password" name="password" type="password" autocomplete="current-password"/);
    expect(html).toContain('aitema|Termin Sachbearbeitung');
    expect(html).not.toContain('role="alert"');

    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    const failed = await fetch(new URL(action!, idp.url), {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'staff"<b>', password: 'wrong' }),
      redirect: 'manual',
    });
    expect(failed.status).toBe(401);
    const again = await failed.text();
    expect(again).toMatch(/<p role="alert" id="login-error">Benutzername oder Passwort ist falsch\. <span lang="en">Invalid username or password\.<\/span><\/p>/);
    expect(again).toContain('value="staff&quot;&lt;b&gt;" aria-describedby="login-error" aria-invalid="true"');
  });
});

describe('demo passwords', () => {
  it("come from the realm's variable, else from the documented development default", () => {
    expect(demoPassword('admin', { TERMIN_DEMO_ADMIN_PASSWORD: 'set-by-ops' })).toBe('set-by-ops');
    expect(demoPassword('admin', {})).toBe('termin-dev-admin');
    expect(demoPassword('staff-other', {})).toBe('termin-dev-staff-other');
  });
});

describe('production guard', () => {
  it('refuses to start with NODE_ENV=production', async () => {
    await expect(startDevIdp({ port: 0, env: { NODE_ENV: 'production' } })).rejects.toBeInstanceOf(DevIdpRefusedError);
  });
});
