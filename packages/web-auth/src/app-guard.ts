import type { CookieJar, Session, WebAuth } from './web-auth';

/** The parts of a SvelteKit RequestEvent the guard uses (structural, so this package needs no SvelteKit). */
export interface GuardEvent {
  url: URL;
  cookies: CookieJar;
  locals: { session?: Session | null; forbidden?: boolean };
}

export interface GuardOptions {
  /** The roles that may use the app at all; others see the app's 403 page. */
  roles: readonly string[];
  /** Paths reachable signed out (sign-in routes, health checks). */
  publicPaths?: readonly string[];
}

const redirectTo = (location: string) => new Response(null, { status: 303, headers: { location } });

/**
 * A SvelteKit `handle` step: signed-out visitors are sent to sign-in and come back to the page they
 * asked for; the session (refreshed when due) is put on `locals`; a user without an allowed role is
 * marked `forbidden` so the root layout can answer 403 in the user's language.
 */
export function createAuthGuard(auth: () => WebAuth, options: GuardOptions) {
  const publicPaths = options.publicPaths ?? ['/health', '/auth/'];
  return async <E extends GuardEvent>({ event, resolve }: { event: E; resolve: (event: E) => Response | Promise<Response> }): Promise<Response> => {
    const path = event.url.pathname;
    if (publicPaths.some((p) => (p.endsWith('/') ? path.startsWith(p) : path === p))) return resolve(event);
    const session = await auth().getSession(event.cookies);
    if (!session) return redirectTo(`/auth/login?returnTo=${encodeURIComponent(path + event.url.search)}`);
    event.locals.session = session;
    const forbidden = !session.user.roles.some((role) => options.roles.includes(role));
    event.locals.forbidden = forbidden;
    const response = await resolve(event);
    // The root layout shows the 403 page in place of the page; here it gets its status.
    if (forbidden && response.status === 200) return new Response(response.body, { status: 403, headers: response.headers });
    return response;
  };
}

/** GET /auth/login */
export function signInRoute(auth: () => WebAuth) {
  return async ({ url, cookies }: { url: URL; cookies: CookieJar }) => redirectTo((await auth().beginSignIn(cookies, url.searchParams.get('returnTo'))).toString());
}

/** POST /auth/logout (a form button; SvelteKit's origin check guards it against cross-site posts) */
export function signOutRoute(auth: () => WebAuth) {
  return async ({ cookies }: { cookies: CookieJar }) => redirectTo((await auth().signOut(cookies)).toString());
}
