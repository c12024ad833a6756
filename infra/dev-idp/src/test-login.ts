import * as oauth from 'oauth4webapi';
import { CookieJar } from 'tough-cookie';

export interface ObtainTokensOptions {
  issuer: string;
  clientId: string;
  redirectUri: string;
  username: string;
  password: string;
  /** Defaults to `openid profile email`. */
  scope?: string;
}

export interface Tokens {
  accessToken: string;
  idToken: string;
  refreshToken: string | undefined;
  expiresIn: number | undefined;
}

export class LoginFailedError extends Error {
  override name = 'LoginFailedError';
}

const insecure = { [oauth.allowInsecureRequests]: true };

/**
 * Signs a user in the way a browser does: authorization request with PKCE S256, the provider's login
 * form, consent, redirect with code, then the code exchange. Works against the development provider
 * and against Keycloak's own login form as long as it shows one username/password form.
 */
export async function obtainTokens(options: ObtainTokensOptions): Promise<Tokens> {
  const issuer = new URL(options.issuer);
  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, insecure));
  if (!as.authorization_endpoint) throw new Error('issuer has no authorization endpoint');
  const client: oauth.Client = { client_id: options.clientId };

  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const authorizationUrl = new URL(as.authorization_endpoint);
  authorizationUrl.search = new URLSearchParams({
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    response_type: 'code',
    scope: options.scope ?? 'openid profile email',
    state,
    nonce,
    code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  }).toString();

  const callback = await browseToRedirect(authorizationUrl, options);
  const params = oauth.validateAuthResponse(as, client, callback, state);
  const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, options.redirectUri, codeVerifier, insecure);
  const result = await oauth.processAuthorizationCodeResponse(as, client, response, {
    expectedNonce: nonce,
    requireIdToken: true,
  });
  return {
    accessToken: result.access_token,
    idToken: result.id_token ?? '',
    refreshToken: result.refresh_token,
    expiresIn: result.expires_in,
  };
}

const formAction = /<form[^>]*\baction="([^"]*)"/i;
const decodeEntities = (value: string) =>
  value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/** Follows redirects with a cookie jar, fills in the login form once, and stops at the client's redirect URI. */
export async function browseToRedirect(start: URL, options: Pick<ObtainTokensOptions, 'redirectUri' | 'username' | 'password'>): Promise<URL> {
  const jar = new CookieJar();
  let url = start;
  let init: RequestInit = { method: 'GET' };
  let submitted = false;

  for (let step = 0; step < 20; step += 1) {
    const cookie = await jar.getCookieString(url.href);
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string> | undefined), ...(cookie ? { cookie } : {}) },
    });
    for (const setCookie of response.headers.getSetCookie()) await jar.setCookie(setCookie, url.href);

    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, url);
      if (next.href.startsWith(options.redirectUri)) return next;
      url = next;
      init = { method: 'GET' };
      continue;
    }

    const body = await response.text();
    const action = formAction.exec(body)?.[1];
    if (submitted || !action) {
      throw new LoginFailedError(`sign-in of "${options.username}" failed: HTTP ${response.status} at ${url.pathname}`);
    }
    submitted = true;
    url = new URL(decodeEntities(action), url);
    init = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: options.username, password: options.password }).toString(),
    };
  }
  throw new Error('too many redirects during sign-in');
}
