import type { Handle } from '@sveltejs/kit';

export interface SecurityHeaderOptions {
  /** The app's own address (ORIGIN): HSTS is sent only when it is served over https. */
  appUrl: () => string;
  /** Paths (prefixes) whose pages may use the camera of this origin, e.g. the kiosk's QR scanner. */
  cameraPaths?: readonly string[];
  /** Origins beyond this one that the pages' scripts connect to (the API's live-queue socket). */
  connectOrigins?: () => string[];
  /** Origins beyond this one whose scripts the pages load (the citizen portal's self-hosted Plausible). */
  scriptOrigins?: () => string[];
}

/** Features no page of ours uses; the camera is allowed only where `cameraPaths` say so. */
const DENIED_FEATURES = ['microphone', 'geolocation', 'payment', 'usb', 'serial', 'bluetooth', 'hid', 'midi', 'display-capture', 'interest-cohort'];

/**
 * The response headers every page of the three apps carries, next to the Content-Security-Policy
 * SvelteKit writes from `kit.csp` (shared in `svelte-config.js`): no framing, no referrer beyond the
 * origin, no powerful features, HSTS on https. The socket's origin is added to `connect-src` here
 * because it is known only at run time.
 */
export function securityHeaders(options: SecurityHeaderOptions): Handle {
  return async ({ event, resolve }) => {
    const response = await resolve(event);
    const set = (name: string, value: string) => {
      // Redirects from `redirect()` and fetched files may come with immutable headers.
      try {
        response.headers.set(name, value);
      } catch {
        /* immutable (a response passed through from fetch): left as it is */
      }
    };
    const camera = options.cameraPaths?.some((prefix) => event.url.pathname === prefix.replace(/\/$/, '') || event.url.pathname.startsWith(prefix))
      ? 'camera=(self)'
      : 'camera=()';
    set('permissions-policy', [camera, ...DENIED_FEATURES.map((f) => `${f}=()`)].join(', '));
    set('x-frame-options', 'DENY');
    set('referrer-policy', 'strict-origin-when-cross-origin');
    set('x-content-type-options', 'nosniff');
    if (options.appUrl().startsWith('https://')) set('strict-transport-security', 'max-age=31536000; includeSubDomains');
    const csp = response.headers.get('content-security-policy');
    const connect = options.connectOrigins?.() ?? [];
    const scripts = options.scriptOrigins?.() ?? [];
    if (csp && (connect.length > 0 || scripts.length > 0)) set('content-security-policy', withSources(withSources(csp, 'connect-src', connect), 'script-src', scripts));
    return response;
  };
}

function withSources(csp: string, directive: string, origins: string[]): string {
  if (origins.length === 0) return csp;
  return csp.replace(new RegExp(`${directive} ([^;]*)`), (_all, sources: string) => `${directive} ${sources} ${origins.join(' ')}`);
}

/** `http(s)://host` → the matching `ws(s)://host` origin of a socket on it. */
export function socketOrigin(httpUrl: string): string {
  const url = new URL(httpUrl);
  return `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
}
