/**
 * Domain errors carry a stable `code` (used as i18n key by the front ends) and a transport-neutral
 * `status` hint; the API's error handler maps the hint to an HTTP status so the domain never knows
 * about HTTP. `params` are interpolation values for the translated message and must never contain
 * personal data, because errors end up in logs.
 */
export type DomainErrorStatus = 'not_found' | 'conflict' | 'invalid' | 'unauthorized' | 'forbidden' | 'gone' | 'too_many';

export type ErrorParams = Record<string, string | number | boolean>;

export class DomainError extends Error {
  readonly code: string;
  readonly status: DomainErrorStatus;
  readonly params: ErrorParams;

  constructor(code: string, status: DomainErrorStatus, message?: string, params: ErrorParams = {}) {
    super(message ?? code);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.params = params;
  }
}

export class NotFoundError extends DomainError {
  constructor(code = 'not_found', params: ErrorParams = {}, message?: string) {
    super(code, 'not_found', message, params);
  }
}

export class ConflictError extends DomainError {
  constructor(code = 'conflict', params: ErrorParams = {}, message?: string) {
    super(code, 'conflict', message, params);
  }
}

/** The caller is not signed in, or their credentials are not valid. */
export class UnauthorizedError extends DomainError {
  constructor(code = 'unauthorized', params: ErrorParams = {}, message?: string) {
    super(code, 'unauthorized', message, params);
  }
}

export class ForbiddenError extends DomainError {
  constructor(code = 'forbidden', params: ErrorParams = {}, message?: string) {
    super(code, 'forbidden', message, params);
  }
}

/** A budget is used up for now; `retryAfterSeconds` says when the caller may try again. */
export class TooManyError extends DomainError {
  constructor(code: string, retryAfterSeconds: number, params: ErrorParams = {}) {
    super(code, 'too_many', undefined, { ...params, seconds: retryAfterSeconds, minutes: Math.ceil(retryAfterSeconds / 60) });
  }

  get retryAfterSeconds(): number {
    return Number(this.params.seconds);
  }
}

/** For things that existed but are over for good, e.g. an expired confirmation link. */
export class GoneError extends DomainError {
  constructor(code = 'gone', params: ErrorParams = {}, message?: string) {
    super(code, 'gone', message, params);
  }
}

export interface FieldError {
  /** Dotted path of the offending input field, e.g. `openingHours.0.opens`. */
  field: string;
  code: string;
  params?: ErrorParams;
}

export class ValidationError extends DomainError {
  readonly fieldErrors: FieldError[];

  constructor(fieldErrors: FieldError[], code = 'validation_failed', message?: string) {
    super(code, 'invalid', message ?? `Invalid input: ${fieldErrors.map((e) => `${e.field} (${e.code})`).join(', ')}`, { count: fieldErrors.length });
    this.fieldErrors = fieldErrors;
  }
}
