import { redirect, type Handle, type RequestEvent } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import type { z } from 'zod';
import { loadWebConfig, type Env, type WebConfig } from '@termin/config';
import { meResponse } from '@termin/contracts';
import type { MessageKey } from '@termin/ui/i18n';
import { createAuthGuard, createWebAuth, SignInError, signInRoute, signOutRoute, type CookieJar, type WebAuth } from '@termin/web-auth';
import { createApiClient } from './api-client';
import { languageHandle } from './language-handle';
import type { WebLocals } from './locals';
import { createSealedCookie, type SealedCookieSpec } from './sealed-cookie';
import { securityHeaders, socketOrigin } from './security-headers';

export interface WebKitOptions {
  /** Where the app runs in development (its ORIGIN in production). */
  defaultAppUrl: string;
  /** Apps for staff accounts: their OIDC client, cookie prefix and the roles that may use them. */
  signIn?: { clientId: string; cookiePrefix: string; roles: readonly string[] };
  /** What a visitor reads when the API cannot be reached. */
  unavailableMessage?: MessageKey;
  /** The citizen portal: each request belongs to the municipality of its host. */
  needsTenant?: boolean;
  /** Paths whose pages may use the camera (the staff app's kiosk QR scanner); none elsewhere. */
  cameraPaths?: readonly string[];
  /** The pages open the API's live-queue socket from the browser (the staff app, the citizen's check-in page). */
  liveSocket?: boolean;
  /** The pages load the self-hosted Plausible script where PLAUSIBLE_URL is set (the citizen portal). */
  analytics?: boolean;
}

type ApiEvent = Pick<RequestEvent, 'fetch' | 'getClientAddress'> & { locals: WebLocals };

/**
 * The server side one SvelteKit app needs: its settings (read from `env` on first use, not at
 * import, so a build without environment works), the API client for a request, the `handle` hook,
 * sign-in routes and sealed cookies.
 */
export function createWebKit(env: () => Env, options: WebKitOptions) {
  let config: WebConfig | null = null;
  const settings = () => (config ??= loadWebConfig(env(), { defaultAppUrl: options.defaultAppUrl, needsTenant: options.needsTenant ?? false }));

  let auth: WebAuth | null = null;
  const webAuth = (): WebAuth => {
    const signIn = options.signIn;
    if (!signIn) throw new Error('this app has no sign-in');
    const { oidcIssuer, oidcClientSecret, appUrl, sessionSecret } = settings();
    return (auth ??= createWebAuth({
      issuer: oidcIssuer,
      clientId: signIn.clientId,
      clientSecret: oidcClientSecret,
      appUrl,
      sessionSecret,
      cookiePrefix: signIn.cookiePrefix,
    }));
  };

  /** The API as this request's visitor: her language, her session's token, her address. */
  const api = (event: ApiEvent) =>
    createApiClient({
      baseUrl: settings().apiBaseUrl,
      lang: event.locals.lang,
      accessToken: event.locals.session?.accessToken,
      visitorAddress: event.getClientAddress(),
      fetch: event.fetch,
      ...(options.unavailableMessage ? { unavailableMessage: options.unavailableMessage } : {}),
    });

  const headers = securityHeaders({
    appUrl: () => settings().appUrl,
    ...(options.cameraPaths ? { cameraPaths: options.cameraPaths } : {}),
    connectOrigins: () => [
      ...(options.liveSocket ? [socketOrigin(settings().publicApiUrl)] : []),
      // The script sends its page views to /api/event of its own origin.
      ...(options.analytics && settings().analytics ? [settings().analytics!.origin] : []),
    ],
    scriptOrigins: () => (options.analytics && settings().analytics ? [settings().analytics!.origin] : []),
  });
  const handle: Handle = options.signIn
    ? sequence(headers, languageHandle, createAuthGuard(webAuth, { roles: options.signIn.roles }))
    : sequence(headers, languageHandle);

  return {
    settings,
    api,
    handle,
    webAuth,
    sealedCookie: <S extends z.ZodType>(spec: SealedCookieSpec<S>) => createSealedCookie(() => settings().sessionSecret, spec),

    /** GET /auth/login, POST /auth/logout and the load of /auth/callback. */
    signInRoutes: {
      login: signInRoute(webAuth),
      logout: signOutRoute(webAuth),
      async callback({ url, cookies }: { url: URL; cookies: CookieJar }): Promise<{ failed: true }> {
        let returnTo: string;
        try {
          returnTo = await webAuth().finishSignIn(cookies, url);
        } catch (error) {
          if (error instanceof SignInError) return { failed: true };
          throw error;
        }
        redirect(303, returnTo);
      },
    },

    /** The home page of a staff app: who is signed in and at which offices (null: the API did not say). */
    async signedInHome(event: ApiEvent) {
      const session = event.locals.session;
      if (!session || event.locals.forbidden) return { username: '', locations: [] };
      const me = await api(event).get('/api/v1/me', meResponse);
      return { username: session.user.username, locations: me.ok ? me.data.locations : null };
    },
  };
}

export type WebKit = ReturnType<typeof createWebKit>;

/** The root layout's data in every app: the language, and for staff apps the user and the 403 switch. */
export function rootLayoutLoad({ locals }: { locals: WebLocals }) {
  return { lang: locals.lang, user: locals.session?.user ?? null, forbidden: locals.forbidden ?? false };
}
