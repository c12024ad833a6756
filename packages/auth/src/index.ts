export { createAccessTokenVerifier, type AccessTokenVerifier, type AccessTokenVerifierOptions } from './access-token-verifier';
export { AuthError, type AuthErrorCode } from './auth-error';
export { ROLES, type Principal, type Role } from './principal';
