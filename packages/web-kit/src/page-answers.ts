import { error, fail } from '@sveltejs/kit';
import type { ApiResult } from './api-client';

type Refused = Extract<ApiResult<unknown>, { ok: false }>;

/** The data of a call the page cannot do without; otherwise the error page with the API's status and message. */
export function dataOrError<T>(result: ApiResult<T>): T {
  if (result.ok) return result.data;
  error(result.status, result.error.message);
}

/** A form action's answer to a refused call: the API's message on the form (4xx), or the error page (5xx). */
export function formFailure(result: Refused) {
  if (result.status < 500) return fail(result.status, { error: result.error.message });
  error(result.status, result.error.message);
}
