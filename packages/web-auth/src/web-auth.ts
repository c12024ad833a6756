import * as client from 'openid-client';
import { decodeJwt } from 'jose';
import { createSealer } from './sealed-cookie';

/** The subset of SvelteKit's `Cookies` this module needs (kept structural so it has no SvelteKit dependency). */
export interface CookieJar {
  get(name: string): string | undefined;
  set(name: string, value: string, options: CookieOptions): void;
  delete(name: string, options: CookieOptions): void;
}
export interface CookieOptions {
  path: string;
  httpOnly?: boolean;
  sameSite?: 'lax' | 'strict' | 'none';
  secure?: boolean;
  maxAge?: number;
}

export interface WebAuthOptions {
  /** e.g. http://localhost:8080/realms/terminvergabe (Keycloak or the development provider). */
  issuer: string;
  clientId: string;
  /** Secret of a confidential client (production); without it the app signs in as a public client with PKCE. */
  clientSecret?: string;
  /** Public base URL of this app, e.g. http://localhost:3001; the callback is `${appUrl}/auth/callback`. */
  appUrl: string;
  /** At least 32 characters; encrypts the session cookie. */
  sessionSecret: string;
  scope?: string;
  /** Cookie name prefix, so staff and admin sessions on one host stay apart. */
  cookiePrefix?: string;
}

export interface SessionUser {
  sub: string;
  username: string;
  roles: string[];
  tenant: string;
  locations: string[];
}

export interface Session {
  user: SessionUser;
  accessToken: string;
  /** Epoch seconds. */
  expiresAt: number;
}

interface StoredSession extends Session {
  refreshToken?: string;
  idToken?: string;
}

interface LoginTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

export class SignInError extends Error {
  override name = 'SignInError';
}

/** Refresh this many seconds before the access token expires, so a request never carries a dead token. */
const REFRESH_MARGIN_SECONDS = 30;
const SESSION_MAX_AGE_SECONDS = 12 * 3600;

function userFromAccessToken(accessToken: string): SessionUser {
  const claims = decodeJwt(accessToken) as Record<string, unknown>;
  const realmAccess = claims.realm_access as { roles?: string[] } | undefined;
  return {
    sub: String(claims.sub ?? ''),
    username: String(claims.preferred_username ?? claims.sub ?? ''),
    roles: (realmAccess?.roles ?? []).filter((r) => ['staff', 'admin', 'kiosk', 'display', 'platform-admin'].includes(r)),
    tenant: String(claims.tenant ?? ''),
    locations: Array.isArray(claims.locations) ? claims.locations.map(String) : [],
  };
}

/**
 * The place to return to after sign-in, as a path of this app, or `/`. The value is parsed the way a
 * browser parses a Location header (WHATWG URL against the app's origin), so whatever the parser
 * drops or rewrites (tabs and newlines removed, `\\` read as `/`, `/./` collapsed) is judged after
 * that rewriting: only a result on the app's own origin whose path cannot be read as `//host` passes.
 */
export function safeReturnPath(value: string | null | undefined, appOrigin: string): string {
  if (!value) return '/';
  const origin = new URL(appOrigin).origin;
  let parsed: URL;
  try {
    parsed = new URL(value, origin);
  } catch {
    return '/';
  }
  if (parsed.origin !== origin) return '/';
  const path = parsed.pathname + parsed.search + parsed.hash;
  // A path the browser would read as protocol-relative (`//host`) leaves the app.
  if (!path.startsWith('/') || path.startsWith('//')) return '/';
  return path;
}

/**
 * Sign-in for a server-rendered app: authorization code + PKCE (S256), state and nonce checked,
 * tokens kept only in an encrypted httpOnly SameSite=Lax cookie (never in the browser's storage),
 * refresh before expiry, RP-initiated logout.
 */
export function createWebAuth(options: WebAuthOptions) {
  const prefix = options.cookiePrefix ?? 'termin';
  const sessionCookie = `${prefix}_session`;
  const txCookie = `${prefix}_signin`;
  const redirectUri = new URL('/auth/callback', options.appUrl).toString();
  const secure = options.appUrl.startsWith('https://');
  const cookieOptions = (maxAge: number): CookieOptions => ({ path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge });
  const sealer = createSealer(options.sessionSecret);

  let configuration: Promise<client.Configuration> | null = null;
  function config(): Promise<client.Configuration> {
    configuration ??= client
      .discovery(new URL(options.issuer), options.clientId, undefined, options.clientSecret ? client.ClientSecretBasic(options.clientSecret) : client.None(), {
        execute: options.issuer.startsWith('http://') ? [client.allowInsecureRequests] : [],
      })
      .catch((error) => {
        configuration = null; // try discovery again next time
        throw error;
      });
    return configuration;
  }

  async function store(cookies: CookieJar, session: StoredSession): Promise<void> {
    cookies.set(sessionCookie, await sealer.seal({ ...session }, SESSION_MAX_AGE_SECONDS), cookieOptions(SESSION_MAX_AGE_SECONDS));
  }

  function fromTokens(tokens: client.TokenEndpointResponse, previous?: StoredSession): StoredSession {
    return {
      user: userFromAccessToken(tokens.access_token),
      accessToken: tokens.access_token,
      expiresAt: Math.floor(Date.now() / 1000) + (tokens.expires_in ?? 300),
      refreshToken: tokens.refresh_token ?? previous?.refreshToken,
      idToken: tokens.id_token ?? previous?.idToken,
    };
  }

  return {
    /** Starts sign-in: remembers state, nonce and PKCE verifier, returns the provider URL to redirect to. */
    async beginSignIn(cookies: CookieJar, returnTo?: string | null): Promise<URL> {
      const cfg = await config();
      const tx: LoginTransaction = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier: client.randomPKCECodeVerifier(),
        returnTo: safeReturnPath(returnTo, options.appUrl),
      };
      cookies.set(txCookie, await sealer.seal({ ...tx }, 600), cookieOptions(600));
      return client.buildAuthorizationUrl(cfg, {
        redirect_uri: redirectUri,
        scope: options.scope ?? 'openid profile email',
        state: tx.state,
        nonce: tx.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(tx.codeVerifier),
        code_challenge_method: 'S256',
      });
    },

    /** Handles the provider's redirect: checks state and nonce, exchanges the code, stores the session. */
    async finishSignIn(cookies: CookieJar, callbackUrl: URL): Promise<string> {
      const tx = await sealer.open<LoginTransaction>(cookies.get(txCookie));
      cookies.delete(txCookie, { path: '/' });
      if (!tx) throw new SignInError('sign-in expired or was started elsewhere');
      const cfg = await config();
      // The provider redirected to our public callback URL; check against that, not the internal request URL.
      const current = new URL(redirectUri);
      current.search = callbackUrl.search;
      let tokens: client.TokenEndpointResponse;
      try {
        tokens = await client.authorizationCodeGrant(cfg, current, {
          pkceCodeVerifier: tx.codeVerifier,
          expectedState: tx.state,
          expectedNonce: tx.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        throw new SignInError(`sign-in was not completed: ${(error as Error).message}`);
      }
      await store(cookies, fromTokens(tokens));
      return safeReturnPath(tx.returnTo, options.appUrl);
    },

    /** The current session, refreshed when its access token is about to expire; null when signed out. */
    async getSession(cookies: CookieJar, now = Date.now()): Promise<Session | null> {
      const stored = await sealer.open<StoredSession>(cookies.get(sessionCookie));
      if (!stored) return null;
      if (stored.expiresAt - REFRESH_MARGIN_SECONDS > now / 1000) return stored;
      if (!stored.refreshToken) {
        cookies.delete(sessionCookie, { path: '/' });
        return null;
      }
      try {
        const refreshed = fromTokens(await client.refreshTokenGrant(await config(), stored.refreshToken), stored);
        await store(cookies, refreshed);
        return refreshed;
      } catch {
        cookies.delete(sessionCookie, { path: '/' });
        return null;
      }
    },

    /** Ends the local session and returns the provider's logout URL (RP-initiated logout). */
    async signOut(cookies: CookieJar): Promise<URL> {
      const stored = await sealer.open<StoredSession>(cookies.get(sessionCookie));
      cookies.delete(sessionCookie, { path: '/' });
      const cfg = await config();
      return client.buildEndSessionUrl(cfg, {
        client_id: options.clientId,
        post_logout_redirect_uri: new URL('/', options.appUrl).toString(),
        ...(stored?.idToken ? { id_token_hint: stored.idToken } : {}),
      });
    },
  };
}

export type WebAuth = ReturnType<typeof createWebAuth>;
