import type { z } from 'zod';
import { errorResponse } from '@termin/contracts';
import { t, type Lang, type MessageKey } from '@termin/ui/i18n';

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/**
 * Every way a call to the API can go wrong, in one shape: the API's own refusal (its status, code,
 * message in the visitor's language and field errors), or 503 when it could not be reached and 502
 * when it answered outside its contract.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: readonly FieldProblem[] = [],
  ) {
    super(message);
  }

  /** The message the API gave for one form field, if any. */
  fieldMessage(field: string): string | null {
    return this.fields.find((f) => f.field === field)?.message ?? null;
  }
}

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiError };

export interface ApiClientOptions {
  baseUrl: string;
  /** Sent as Accept-Language: the API answers its errors in it. */
  lang: Lang;
  /** The signed-in user's token; it stays on this server. */
  accessToken?: string | null | undefined;
  /**
   * The visitor this call is made for. Without it the API's per-address rate limits would count this
   * server, and every citizen (or every clerk) would share one budget. The API believes the header
   * only from the proxies it is told to trust (TRUST_PROXY).
   */
  visitorAddress?: string | null | undefined;
  fetch?: typeof globalThis.fetch;
  /** What the visitor reads when the API cannot be reached. */
  unavailableMessage?: MessageKey;
}

export interface CallOptions {
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The API as this server calls it for one visitor: typed answers checked against the shared contracts. */
export function createApiClient(options: ApiClientOptions) {
  const doFetch = options.fetch ?? globalThis.fetch;
  const unavailable = (status: number, code: string) => new ApiError(status, code, t(options.lang, options.unavailableMessage ?? 'error.apiUnavailable'));

  async function send(method: Method, path: string, init: CallOptions): Promise<Response | ApiError> {
    const headers: Record<string, string> = { accept: 'application/json', 'accept-language': options.lang, ...init.headers };
    if (options.accessToken) headers.authorization = `Bearer ${options.accessToken}`;
    if (options.visitorAddress) headers['x-forwarded-for'] = options.visitorAddress;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const url = new URL(`${options.baseUrl.replace(/\/+$/, '')}${path}`);
    for (const [name, value] of Object.entries(init.query ?? {})) url.searchParams.set(name, value);
    try {
      return await doFetch(url, { method, headers, ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
    } catch {
      return unavailable(503, 'unavailable');
    }
  }

  async function refusal(res: Response): Promise<ApiError> {
    const parsed = errorResponse.safeParse(await res.json().catch(() => null));
    if (!parsed.success) return unavailable(res.status >= 500 ? res.status : 502, 'unavailable');
    const { code, message, fields } = parsed.data.error;
    return new ApiError(res.status, code, message, fields ?? []);
  }

  async function call<S extends z.ZodType>(method: Method, path: string, schema: S, init: CallOptions = {}): Promise<ApiResult<z.infer<S>>> {
    const res = await send(method, path, init);
    if (res instanceof ApiError) return { ok: false, status: res.status, error: res };
    if (!res.ok) {
      const error = await refusal(res);
      return { ok: false, status: error.status, error };
    }
    // 204 has no body: it is read as null (the contracts' "no content").
    const parsed = schema.safeParse(res.status === 204 ? null : await res.json().catch(() => undefined));
    if (parsed.success) return { ok: true, status: res.status, data: parsed.data };
    const error = unavailable(502, 'bad_response');
    return { ok: false, status: error.status, error };
  }

  return {
    get: <S extends z.ZodType>(path: string, schema: S, init?: Omit<CallOptions, 'body'>) => call('GET', path, schema, init),
    post: <S extends z.ZodType>(path: string, schema: S, init?: CallOptions) => call('POST', path, schema, init),
    put: <S extends z.ZodType>(path: string, schema: S, init?: CallOptions) => call('PUT', path, schema, init),
    patch: <S extends z.ZodType>(path: string, schema: S, init?: CallOptions) => call('PATCH', path, schema, init),
    delete: <S extends z.ZodType>(path: string, schema: S, init?: Omit<CallOptions, 'body'>) => call('DELETE', path, schema, init),
    /** A file the API serves (calendar entry, QR code), passed on as it came. */
    async file(path: string, init: Omit<CallOptions, 'body'> = {}): Promise<ApiResult<Response>> {
      const res = await send('GET', path, { ...init, headers: { accept: '*/*', ...init.headers } });
      if (res instanceof ApiError) return { ok: false, status: res.status, error: res };
      if (res.ok) return { ok: true, status: res.status, data: res };
      const error = await refusal(res);
      return { ok: false, status: error.status, error };
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
