export {
  createWebAuth,
  safeReturnPath,
  SignInError,
  type CookieJar,
  type CookieOptions,
  type Session,
  type SessionUser,
  type WebAuth,
  type WebAuthOptions,
} from './web-auth';
export { createAuthGuard, signInRoute, signOutRoute, type GuardEvent, type GuardOptions } from './app-guard';
export { createSealer } from './sealed-cookie';
