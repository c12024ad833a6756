import type { ClientMetadata } from 'oidc-provider';
import { resolvePlaceholders, type ClientRepresentation } from '@termin/keycloak-realm';
import type { Env } from './accounts';

/** Client settings oidc-provider has no metadata for, kept beside the registered metadata. */
export interface ClientPolicy {
  clientId: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  webOrigins: string[];
  /** A confidential client's secret with its `${VARIABLE}` resolved. */
  secret: string | undefined;
  representation: ClientRepresentation;
}

// Placeholders whose variable is unset (e.g. the production URL on a laptop) are left out, as such a
// URI could never match a real redirect.
function resolveAll(values: string[], env: Env): string[] {
  return [...new Set(values.flatMap((v) => resolvePlaceholders(v, env) ?? []))];
}

function originOf(uri: string): string | undefined {
  return URL.parse(uri.replace(/\*$/, ''))?.origin;
}

export function clientPolicies(clients: ClientRepresentation[], env: Env): ClientPolicy[] {
  // Bearer-only and disabled clients cannot sign anybody in, so they are not registered; neither is a
  // confidential client whose secret variable is unset (like the production realm's on a laptop).
  return clients
    .filter((c) => c.enabled && !c.bearerOnly && c.standardFlowEnabled)
    .filter((c) => c.publicClient || (resolvePlaceholders(c.secret ?? '', env) ?? '') !== '')
    .map((c) => {
      const redirectUris = resolveAll(c.redirectUris, env);
      const postLogout = c.attributes?.['post.logout.redirect.uris'];
      const postLogoutRedirectUris = postLogout === undefined || postLogout === '+' ? redirectUris : resolveAll(postLogout.split('##'), env);
      const webOrigins = resolveAll(c.webOrigins ?? [], env).flatMap((o) => (o === '+' ? redirectUris.flatMap((u) => originOf(u) ?? []) : [o]));
      const secret = c.publicClient ? undefined : resolvePlaceholders(c.secret ?? '', env);
      return { clientId: c.clientId, redirectUris, postLogoutRedirectUris, webOrigins, secret, representation: c };
    });
}

export function clientMetadata(policy: ClientPolicy): ClientMetadata {
  const { representation: c } = policy;
  return {
    client_id: c.clientId,
    client_name: c.name,
    ...(c.publicClient ? { token_endpoint_auth_method: 'none' } : { client_secret: policy.secret, token_endpoint_auth_method: 'client_secret_basic' }),
    application_type: 'web',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: policy.redirectUris,
    post_logout_redirect_uris: policy.postLogoutRedirectUris,
  };
}

/** Keycloak's redirect URI rule: exact match, or a pattern ending in `*` matches by prefix. */
export function keycloakUriMatches(patterns: string[], value: string): boolean {
  return patterns.some((pattern) => (pattern.endsWith('*') ? value.startsWith(pattern.slice(0, -1)) : pattern === value));
}
