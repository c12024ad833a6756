import type { ErrorResponse } from '@termin/contracts';
import { env } from '$env/dynamic/private';
import { t, type Lang } from '@termin/ui/i18n';
import { apiBaseUrl } from './config';

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ErrorResponse['error'] };

/** The municipality this portal serves. */
export function tenantSlug(): string {
  return env.DEFAULT_TENANT || 'demo';
}

/**
 * Calls the API from this server in the citizen's language (the API translates its error messages).
 * An unreachable API becomes a 503 result with a message, never an exception on the page.
 */
export async function callApi<T>(
  fetch: typeof globalThis.fetch,
  lang: Lang,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResult<T>> {
  try {
    const res = await fetch(`${apiBaseUrl()}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        'accept-language': lang,
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const body = await res.json().catch(() => null);
    if (res.ok) return { ok: true, status: res.status, data: body as T };
    const error = (body as ErrorResponse | null)?.error ?? { code: 'unavailable', message: t(lang, 'book.unavailable') };
    return { ok: false, status: res.status, error };
  } catch {
    return { ok: false, status: 503, error: { code: 'unavailable', message: t(lang, 'book.unavailable') } };
  }
}
