import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { errors, type Configuration } from 'oidc-provider';
import { loadRealm, realmFile as defaultRealmFile } from '@termin/keycloak-realm';
import { accountsFromRealm, type DevIdpUser, type Env } from './accounts';
import { clientMetadata, clientPolicies, keycloakUriMatches, type ClientPolicy } from './clients';
import { handleInteraction } from './interactions';
import { accessTokenAudiences, accessTokenClaims } from './token-claims';

export interface DevIdpOptions {
  /** 0 picks a free port. */
  port: number;
  /** Host name in the issuer and the address to listen on; defaults to `localhost`. */
  host?: string;
  realmFile?: string;
  /** Users in addition to the realm's users; a user with the same username replaces the realm's. */
  users?: DevIdpUser[];
  /** Source of `${VARIABLE}` values; defaults to `process.env`. */
  env?: Env;
  /**
   * App origins (e.g. http://127.0.0.1:41234) allowed as redirect and post-logout targets of every
   * public client, in addition to the realm's: browser tests run the apps on free ports.
   */
  extraAppOrigins?: string[];
}

export interface DevIdp {
  issuer: string;
  /** Base URL of the server, without the realm path. */
  url: string;
  /**
   * Changes a user's locations, as an administrator does in Keycloak's user administration: tokens
   * issued from then on carry the new list (tokens already issued keep theirs until they expire).
   */
  setUserLocations(username: string, locations: string[]): void;
  close(): Promise<void>;
}

export class DevIdpRefusedError extends Error {
  override name = 'DevIdpRefusedError';
}

/** Resource indicator the provider uses internally for an audience; clients never send one (Keycloak has none). */
const resourceFor = (audience: string) => `urn:termin:audience:${audience}`;

export async function startDevIdp(options: DevIdpOptions): Promise<DevIdp> {
  const env = options.env ?? process.env;
  if (env.NODE_ENV === 'production') {
    throw new DevIdpRefusedError(
      'The development identity provider must not run with NODE_ENV=production. Use Keycloak with infra/keycloak/realm-terminvergabe.json instead.',
    );
  }

  const realm = loadRealm(options.realmFile ?? defaultRealmFile);
  const accounts = accountsFromRealm(realm, options.users, env);
  const accountsById = new Map([...accounts.values()].map((a) => [a.id, a]));
  const extraUris = (options.extraAppOrigins ?? []).map((origin) => `${origin.replace(/\/$/, '')}/*`);
  const policies = new Map(
    clientPolicies(realm.clients, env).map((p) => [
      p.clientId,
      p.redirectUris.length ? { ...p, redirectUris: [...p.redirectUris, ...extraUris], postLogoutRedirectUris: [...p.postLogoutRedirectUris, ...extraUris] } : p,
    ]),
  );
  const policyOf = (clientId: string): ClientPolicy => {
    const policy = policies.get(clientId);
    if (!policy) throw new Error(`unknown client ${clientId}`);
    return policy;
  };

  const realmPath = `/realms/${realm.realm}`;
  const interactionPath = `${realmPath}/login-actions`;
  const host = options.host ?? 'localhost';

  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.writeHead(503).end();
  };
  const server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const issuer = `${url}${realmPath}`;

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };
  const ttl = realm.accessTokenLifespan;

  const configuration: Configuration = {
    clients: [...policies.values()].map(clientMetadata),
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    findAccount: (_ctx, id) => {
      const account = accountsById.get(id);
      if (!account) return undefined;
      return {
        accountId: account.id,
        claims: () => ({
          sub: account.id,
          preferred_username: account.username,
          given_name: account.firstName,
          family_name: account.lastName,
          name: [account.firstName, account.lastName].filter(Boolean).join(' ') || undefined,
          email: account.email,
          email_verified: account.email !== undefined,
        }),
      };
    },
    claims: {
      openid: ['sub'],
      profile: ['preferred_username', 'name', 'given_name', 'family_name'],
      email: ['email', 'email_verified'],
    },
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    routes: {
      authorization: '/protocol/openid-connect/auth',
      token: '/protocol/openid-connect/token',
      jwks: '/protocol/openid-connect/certs',
      userinfo: '/protocol/openid-connect/userinfo',
      end_session: '/protocol/openid-connect/logout',
      revocation: '/protocol/openid-connect/revoke',
      introspection: '/protocol/openid-connect/token/introspect',
    },
    interactions: { url: (_ctx, interaction) => `${interactionPath}/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // Keycloak ends the session straight away when the app sends id_token_hint; the provider's
        // default page would wait for a click. This page confirms by itself (with a button as fallback).
        logoutSource(ctx, form) {
          ctx.type = 'html';
          ctx.body = `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Abmelden / Sign out</title></head>
<body><main><h1>Abmelden <span lang="en">/ Sign out</span></h1>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Abmelden bestätigen <span lang="en">/ Confirm sign-out</span></button>
<script>const f=document.getElementById('op.logoutForm');const i=document.createElement('input');i.type='hidden';i.name='logout';i.value='yes';f.appendChild(i);f.submit();</script>
</main></body></html>`;
        },
      },
      resourceIndicators: {
        enabled: true,
        // Keycloak clients never send `resource`; the audience mapper decides the token's audience.
        defaultResource: (_ctx, client) => {
          const [audience] = accessTokenAudiences(policyOf(client.clientId).representation);
          return audience === undefined ? undefined : resourceFor(audience);
        },
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator, client) => {
          const audience = accessTokenAudiences(policyOf(client.clientId).representation).find((a) => resourceFor(a) === indicator);
          if (audience === undefined) throw new errors.InvalidTarget();
          return {
            audience,
            scope: 'openid profile email',
            accessTokenTTL: ttl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    extraTokenClaims: (_ctx, token) => {
      if (token.kind !== 'AccessToken' || !('accountId' in token) || !token.accountId || !token.clientId) return undefined;
      const account = accountsById.get(token.accountId);
      if (!account) return undefined;
      return accessTokenClaims(policyOf(token.clientId).representation, account);
    },
    // Keycloak issues refresh tokens to code-flow clients without requiring offline_access.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    pkce: {
      required: (_ctx, client) => client.clientAuthMethod === 'none' || policyOf(client.clientId).representation.attributes?.['pkce.code.challenge.method'] === 'S256',
    },
    clientBasedCORS: (_ctx, origin, client) => policyOf(client.clientId).webOrigins.includes(origin),
    ttl: {
      AccessToken: ttl,
      IdToken: ttl,
      AuthorizationCode: 60,
      Interaction: 30 * 60,
      Session: realm.ssoSessionMaxLifespan ?? 10 * 60 * 60,
      Grant: realm.ssoSessionMaxLifespan ?? 10 * 60 * 60,
      RefreshToken: realm.ssoSessionIdleTimeout ?? 30 * 60,
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      const text = Object.entries(out)
        .map(([key, value]) => `<dt>${key}</dt><dd>${String(value).replace(/[<>&"']/g, '')}</dd>`)
        .join('');
      ctx.body = `<!doctype html><html lang="de"><title>Fehler / Error</title><h1>Fehler <span lang="en">/ Error</span></h1><dl>${text}</dl></html>`;
    },
  };

  const provider = new Provider(issuer, configuration);
  // Keycloak allows `*` at the end of a redirect URI; oidc-provider only compares exactly.
  provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(value: string) {
    return keycloakUriMatches(policyOf(this.clientId).redirectUris, value);
  };
  provider.Client.prototype.postLogoutRedirectUriAllowed = function postLogoutRedirectUriAllowed(value: string) {
    return keycloakUriMatches(policyOf(this.clientId).postLogoutRedirectUris, value);
  };

  const providerCallback = provider.callback();
  const interactionContext = {
    provider,
    accounts,
    basePath: interactionPath,
    realmName: realm.displayName ?? realm.realm,
    clientNames: new Map([...policies.values()].map((p) => [p.clientId, p.representation.name ?? p.clientId])),
  };

  handle = (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith(`${interactionPath}/`)) {
      handleInteraction(interactionContext, req, res, path)
        .then((handled) => {
          if (!handled) res.writeHead(404).end();
        })
        .catch((error: unknown) => {
          const status = (error as { statusCode?: number }).statusCode ?? 500;
          if (!res.headersSent) res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(status === 500 ? 'Interner Fehler / Internal error' : (error as Error).message);
        });
      return;
    }
    if (path === realmPath || path.startsWith(`${realmPath}/`)) {
      // Mounted like Express does it: the provider sees the path below the realm, originalUrl keeps the prefix.
      const request = req as IncomingMessage & { originalUrl?: string };
      request.originalUrl = req.url;
      const below = req.url?.slice(realmPath.length) ?? '';
      req.url = below.startsWith('/') ? below : `/${below}`;
      providerCallback(req, res);
      return;
    }
    res.writeHead(404).end();
  };

  return {
    issuer,
    url,
    setUserLocations(username, locations) {
      const account = accounts.get(username);
      if (!account) throw new Error(`unknown user ${username}`);
      account.attributes = { ...account.attributes, locations };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
