import { error, type RequestEvent } from '@sveltejs/kit';
import type { ErrorResponse } from '@termin/contracts';
import { apiBaseUrl } from './config';

/** The API answered with an error; `message` is already in the user's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type ApiEvent = Pick<RequestEvent, 'fetch' | 'locals'>;

/**
 * Calls the API as the signed-in user: the session's access token stays on this server and the
 * API's error messages come back in the page's language.
 */
export async function api<T>(event: ApiEvent, path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const session = event.locals.session;
  if (!session) error(401, 'unauthorized');
  const headers: Record<string, string> = { authorization: `Bearer ${session.accessToken}`, 'accept-language': event.locals.lang };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await event.fetch(`${apiBaseUrl()}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (res.ok) return (await res.json()) as T;
  const problem = (await res.json().catch(() => null)) as ErrorResponse | null;
  throw new ApiError(res.status, problem?.error.code ?? 'unavailable', problem?.error.message ?? res.statusText);
}

/** Refuses the page with 403 unless the user has one of `roles` (the app guard already let them in). */
export function requireRole(locals: App.Locals, roles: readonly string[]): void {
  const userRoles = locals.session?.user.roles ?? [];
  if (!userRoles.some((role) => roles.includes(role))) error(403, 'forbidden');
}
