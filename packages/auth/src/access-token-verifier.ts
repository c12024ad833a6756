import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { AuthError } from './auth-error';
import { principalFromClaims, type Principal } from './principal';

export interface AccessTokenVerifierOptions {
  /** e.g. `https://login.example-stadt.de/realms/terminvergabe` */
  issuer: string;
  /** Expected `aud`, `termin-api`. */
  audience: string;
  /** Defaults to Keycloak's `<issuer>/protocol/openid-connect/certs`. */
  jwksUri?: string;
  /** Allowed clock skew in seconds for `exp`/`nbf`/`iat`; defaults to 5. */
  clockToleranceSec?: number;
}

export interface AccessTokenVerifier {
  /** Resolves to the caller, or rejects with an `AuthError`. */
  verify(token: string): Promise<Principal>;
}

// Asymmetric algorithms only: accepting HS* would let anyone holding the public key forge tokens,
// and `none` would accept unsigned tokens.
const ALGORITHMS = ['RS256', 'ES256', 'PS256'];

// jose errors that say something about the token itself rather than about reaching the key set.
const TOKEN_ERRORS = [
  errors.JWTExpired,
  errors.JWTClaimValidationFailed,
  errors.JWTInvalid,
  errors.JWSInvalid,
  errors.JWSSignatureVerificationFailed,
  errors.JOSEAlgNotAllowed,
  errors.JOSENotSupported,
  errors.JWKSNoMatchingKey,
  errors.JWKSMultipleMatchingKeys,
  errors.JWKInvalid,
];

function reason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'access token expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `access token claim "${error.claim}" is not accepted`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'access token algorithm is not accepted';
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return 'access token signature is not from the identity provider';
  }
  return 'access token is malformed';
}

export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  const { issuer, audience } = options;
  // createRemoteJWKSet caches the key set and refetches only for an unknown `kid` (rate limited).
  const jwks = createRemoteJWKSet(new URL(options.jwksUri ?? `${issuer}/protocol/openid-connect/certs`));
  const clockTolerance = options.clockToleranceSec ?? 5;

  return {
    async verify(token) {
      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(token, jwks, {
          issuer,
          audience,
          algorithms: ALGORITHMS,
          clockTolerance,
          requiredClaims: ['exp', 'iat', 'sub'],
        }));
      } catch (error) {
        if (TOKEN_ERRORS.some((type) => error instanceof type)) {
          throw new AuthError('invalid_token', reason(error), { cause: error });
        }
        throw new AuthError('idp_unavailable', 'keys of the identity provider could not be loaded', { cause: error });
      }
      const result = principalFromClaims(payload);
      if ('problem' in result) throw new AuthError('invalid_token', result.problem);
      return result.principal;
    },
  };
}
