/**
 * `invalid_token`: the caller's token is not acceptable (answer 401).
 * `idp_unavailable`: the identity provider's keys could not be fetched (answer 503, not the caller's fault).
 */
export type AuthErrorCode = 'invalid_token' | 'idp_unavailable';

export class AuthError extends Error {
  override name = 'AuthError';
  readonly code: AuthErrorCode;

  constructor(code: AuthErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
