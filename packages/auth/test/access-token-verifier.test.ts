import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoPassword, startDevIdp, type DevIdp } from '@termin/dev-idp';
import { obtainTokens, type Tokens } from '@termin/dev-idp/test-login';
import { base64url, decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type JWK, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError, createAccessTokenVerifier, type AccessTokenVerifier } from '../src/index';

const AUDIENCE = 'termin-api';
let idp: DevIdp;
let verifier: AccessTokenVerifier;
let staff: Tokens;

const signIn = (username: string) =>
  obtainTokens({
    issuer: idp.issuer,
    clientId: 'termin-staff',
    redirectUri: 'http://localhost:3001/auth/callback',
    username,
    password: demoPassword(username, {}),
  });

async function rejection(promise: Promise<unknown>): Promise<AuthError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AuthError);
    return error as AuthError;
  }
  throw new Error('expected the token to be rejected');
}

beforeAll(async () => {
  idp = await startDevIdp({ port: 0, env: {} });
  verifier = createAccessTokenVerifier({ issuer: idp.issuer, audience: AUDIENCE });
  staff = await signIn('staff');
});
afterAll(() => idp.close());

describe('tokens from the identity provider', () => {
  it('turns a staff token from the PKCE sign-in into a principal', async () => {
    await expect(verifier.verify(staff.accessToken)).resolves.toEqual({
      sub: '3f1c2a9e-6d1b-4f0e-9a51-0c7e1d2b4a02',
      username: 'staff',
      roles: ['staff'],
      tenant: 'demo',
      locations: ['buergeramt-mitte', 'kfz-zulassung'],
      expiresAt: expect.any(Number),
    });
    // The token's own expiry, about the realm's access token lifespan (300 s) from now.
    const { expiresAt } = await verifier.verify(staff.accessToken);
    expect(expiresAt).toBeGreaterThan(Date.now());
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 300_000);
  });

  it.each([
    ['admin', ['admin'], 'demo'],
    ['kiosk', ['kiosk'], 'demo'],
    ['display', ['display'], 'demo'],
    ['staff-other', ['staff'], 'other'],
  ])('knows %s by role and tenant', async (username, roles, tenant) => {
    const principal = await verifier.verify((await signIn(username)).accessToken);
    expect(principal).toMatchObject({ username, roles, tenant });
  });

  it('rejects the ID token, whose audience is the client and not the API', async () => {
    const error = await rejection(verifier.verify(staff.idToken));
    expect(error.code).toBe('invalid_token');
    expect(error.message).toContain('"aud"');
  });

  it('rejects a real token when a different audience is expected', async () => {
    const other = createAccessTokenVerifier({ issuer: idp.issuer, audience: 'other-api' });
    expect((await rejection(other.verify(staff.accessToken))).code).toBe('invalid_token');
  });

  it('rejects a real token when a different issuer is expected', async () => {
    const other = createAccessTokenVerifier({
      issuer: `${idp.url}/realms/other`,
      audience: AUDIENCE,
      jwksUri: `${idp.issuer}/protocol/openid-connect/certs`,
    });
    const error = await rejection(other.verify(staff.accessToken));
    expect(error).toMatchObject({ code: 'invalid_token', message: expect.stringContaining('"iss"') });
  });

  it('rejects a token whose payload was changed after signing', async () => {
    const [header, payload, signature] = staff.accessToken.split('.');
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload!))) as JWTPayload;
    const tampered = base64url.encode(JSON.stringify({ ...claims, tenant: 'other' }));
    const error = await rejection(verifier.verify(`${header}.${tampered}.${signature}`));
    expect(error).toMatchObject({ code: 'invalid_token', message: 'access token signature is not from the identity provider' });
  });

  it('keeps verifying with cached keys while the identity provider restarts', async () => {
    const shortLived = await startDevIdp({ port: 0, env: {} });
    const tokens = await obtainTokens({
      issuer: shortLived.issuer,
      clientId: 'termin-admin',
      redirectUri: 'http://localhost:3002/',
      username: 'admin',
      password: demoPassword('admin', {}),
    });
    const cached = createAccessTokenVerifier({ issuer: shortLived.issuer, audience: AUDIENCE });
    await expect(cached.verify(tokens.accessToken)).resolves.toMatchObject({ username: 'admin' });
    await shortLived.close();
    await expect(cached.verify(tokens.accessToken)).resolves.toMatchObject({ username: 'admin' });
  });

  it('reports an unreachable identity provider as idp_unavailable, not as a bad token', async () => {
    const closed = await startDevIdp({ port: 0, env: {} });
    await closed.close();
    const unreachable = createAccessTokenVerifier({ issuer: closed.issuer, audience: AUDIENCE });
    expect((await rejection(unreachable.verify(staff.accessToken))).code).toBe('idp_unavailable');
  });
});

describe('forged tokens', () => {
  const claims = (overrides: JWTPayload = {}): JWTPayload => ({
    sub: 'forged-user',
    preferred_username: 'mallory',
    tenant: 'demo',
    locations: ['buergeramt-mitte'],
    realm_access: { roles: ['admin'] },
    ...overrides,
  });

  it("rejects a token signed with another key under the identity provider's key id", async () => {
    const { kid } = decodeProtectedHeader(staff.accessToken);
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(idp.issuer)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    expect((await rejection(verifier.verify(forged))).code).toBe('invalid_token');
  });

  it('rejects a token signed with an unknown key', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'ES256', kid: 'unknown-key' })
      .setIssuer(idp.issuer)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    expect((await rejection(verifier.verify(forged))).code).toBe('invalid_token');
  });

  it('rejects an unsigned token (alg none)', async () => {
    const unsigned = new UnsecuredJWT(claims()).setIssuer(idp.issuer).setAudience(AUDIENCE).setIssuedAt().setExpirationTime('5m').encode();
    expect(unsigned.endsWith('.')).toBe(true);
    expect((await rejection(verifier.verify(unsigned))).code).toBe('invalid_token');
  });

  it("rejects an HS256 token keyed with the identity provider's public key", async () => {
    const { kid } = decodeProtectedHeader(staff.accessToken);
    const jwks = (await (await fetch(`${idp.issuer}/protocol/openid-connect/certs`)).json()) as { keys: JWK[] };
    const secret = new TextEncoder().encode(JSON.stringify(jwks.keys[0]));
    const forged = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'HS256', kid })
      .setIssuer(idp.issuer)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(secret);
    const error = await rejection(verifier.verify(forged));
    expect(error).toMatchObject({ code: 'invalid_token', message: 'access token algorithm is not accepted' });
  });
});

describe('claim checks on tokens signed with a trusted key', () => {
  // A key set served over HTTP like Keycloak's certs endpoint, so the signature is valid and only the claims decide.
  let server: Server;
  let sign: (payload: JWTPayload, expiresAt?: number) => Promise<string>;
  let trusting: AccessTokenVerifier;
  const issuer = 'https://login.example-stadt.test/realms/terminvergabe';

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'trusted', alg: 'ES256', use: 'sig' };
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    trusting = createAccessTokenVerifier({ issuer, audience: AUDIENCE, jwksUri: `http://127.0.0.1:${port}/certs`, clockToleranceSec: 10 });
    sign = (payload, expiresAt = Math.floor(Date.now() / 1000) + 300) =>
      new SignJWT({ iss: issuer, aud: AUDIENCE, sub: 'user-1', preferred_username: 'sam', tenant: 'demo', ...payload })
        .setProtectedHeader({ alg: 'ES256', kid: 'trusted' })
        .setIssuedAt(Math.floor(Date.now() / 1000) - 600)
        .setExpirationTime(expiresAt)
        .sign(privateKey);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('accepts a well-formed token and keeps only the application roles', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 300;
    const token = await sign({ realm_access: { roles: ['staff', 'offline_access', 'superuser'] }, locations: ['kfz-zulassung'] }, expiresAt);
    await expect(trusting.verify(token)).resolves.toEqual({
      sub: 'user-1',
      username: 'sam',
      roles: ['staff'],
      tenant: 'demo',
      locations: ['kfz-zulassung'],
      expiresAt: expiresAt * 1000,
    });
  });

  it('rejects a token from another issuer', async () => {
    const error = await rejection(trusting.verify(await sign({ iss: 'https://evil.test/realms/terminvergabe' })));
    expect(error).toMatchObject({ code: 'invalid_token', message: expect.stringContaining('"iss"') });
  });

  it('rejects a token for another audience', async () => {
    const error = await rejection(trusting.verify(await sign({ aud: 'termin-staff' })));
    expect(error).toMatchObject({ code: 'invalid_token', message: expect.stringContaining('"aud"') });
  });

  it('rejects an expired token beyond the clock tolerance, accepts one within it', async () => {
    const now = Math.floor(Date.now() / 1000);
    const error = await rejection(trusting.verify(await sign({}, now - 60)));
    expect(error).toMatchObject({ code: 'invalid_token', message: 'access token expired' });
    await expect(trusting.verify(await sign({}, now - 3))).resolves.toMatchObject({ username: 'sam' });
  });

  it('rejects a token without tenant, since nothing could be scoped to it', async () => {
    const token = await sign({ tenant: undefined });
    const error = await rejection(trusting.verify(token));
    expect(error).toMatchObject({ code: 'invalid_token', message: expect.stringContaining('tenant') });
  });
});
