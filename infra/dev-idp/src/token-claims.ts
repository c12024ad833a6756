import type { ClientRepresentation, ProtocolMapperRepresentation } from '@termin/keycloak-realm';
import type { Account } from './accounts';

// Evaluates the realm's protocol mappers the way Keycloak does for the access token, so the
// development tokens carry exactly the claims the realm file promises.

const toAccessToken = (m: ProtocolMapperRepresentation) => m.config['access.token.claim'] === 'true';

/** Audiences the client's audience mappers add to access tokens. */
export function accessTokenAudiences(client: ClientRepresentation): string[] {
  return (client.protocolMappers ?? [])
    .filter((m) => m.protocolMapper === 'oidc-audience-mapper' && toAccessToken(m))
    .flatMap((m) => m.config['included.client.audience'] ?? []);
}

function attributeClaims(client: ClientRepresentation, account: Account): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  for (const mapper of client.protocolMappers ?? []) {
    if (mapper.protocolMapper !== 'oidc-usermodel-attribute-mapper' || !toAccessToken(mapper)) continue;
    const attribute = mapper.config['user.attribute'];
    const claim = mapper.config['claim.name'];
    if (!attribute || !claim) continue;
    const values = account.attributes[attribute] ?? [];
    if (mapper.config.multivalued === 'true') claims[claim] = values;
    else if (values[0] !== undefined) claims[claim] = values[0];
  }
  return claims;
}

/** Claims added to a JWT access token on top of iss, sub, aud, exp, iat, jti, client_id and scope. */
export function accessTokenClaims(client: ClientRepresentation, account: Account): Record<string, unknown> {
  return {
    typ: 'Bearer',
    azp: client.clientId,
    preferred_username: account.username,
    realm_access: { roles: account.realmRoles },
    ...attributeClaims(client, account),
  };
}
