import { createWebAuth, type WebAuth } from './web-auth';

export interface AppAuthSettings {
  clientId: string;
  /** Where the app runs in development (its ORIGIN in production). */
  defaultAppUrl: string;
  cookiePrefix: string;
}

// Only for development; production refuses to start without SESSION_SECRET.
const DEVELOPMENT_SECRET = 'development-only-session-secret-never-use-in-production';

/**
 * The app's sign-in, configured from its environment on first use (not at import, so a build
 * without environment still works): OIDC_ISSUER, ORIGIN and SESSION_SECRET.
 */
export function webAuthFromEnv(env: Record<string, string | undefined>, settings: AppAuthSettings): () => WebAuth {
  let instance: WebAuth | null = null;
  return () => {
    if (instance) return instance;
    const secret = env.SESSION_SECRET || (env.NODE_ENV === 'production' ? undefined : DEVELOPMENT_SECRET);
    if (!secret) throw new Error('SESSION_SECRET must be set (at least 32 random characters) when NODE_ENV=production');
    instance = createWebAuth({
      issuer: env.OIDC_ISSUER || 'http://localhost:8080/realms/terminvergabe',
      clientId: settings.clientId,
      appUrl: env.ORIGIN || settings.defaultAppUrl,
      sessionSecret: secret,
      cookiePrefix: settings.cookiePrefix,
    });
    return instance;
  };
}
