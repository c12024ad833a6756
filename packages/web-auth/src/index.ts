export { createWebAuth, safeReturnPath, SignInError, type CookieJar, type Session, type SessionUser, type WebAuth, type WebAuthOptions } from './web-auth';
