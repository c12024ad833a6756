import type { HandleFetch } from '@sveltejs/kit';

/**
 * Calls this server makes to the API on a visitor's behalf carry the visitor's address. Without it
 * the API's per-address rate limits would count this server, and every citizen (or every clerk)
 * would share one budget: ten bookings a minute for a whole city. The API believes the header only
 * from the peers it is told to trust (TRUST_PROXY); behind Traefik this server reads the visitor's
 * address from Traefik's X-Forwarded-For itself (adapter-node's ADDRESS_HEADER and XFF_DEPTH).
 */
export function forwardClientAddress(apiBaseUrl: () => string): HandleFetch {
  return ({ event, request, fetch }) => {
    if (request.url.startsWith(apiBaseUrl())) request.headers.set('x-forwarded-for', event.getClientAddress());
    return fetch(request);
  };
}
