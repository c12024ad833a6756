import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { DomainError, type DomainErrorStatus, TooManyError, ValidationError } from '@termin/domain';
import { isUniqueViolation, isCheckViolation, isNotFound, isTransientDatabaseError } from '@termin/db';
import { requestLanguage, type Lang } from '../i18n/language';
import { translate } from '../i18n/error-messages';

const statusOf: Record<DomainErrorStatus, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_many: 429,
};

interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

export interface ErrorBody {
  statusCode: number;
  error: { code: string; message: string; fields?: FieldProblem[] };
}

function body(statusCode: number, lang: Lang, code: string, params = {}, fields?: FieldProblem[]): ErrorBody {
  return { statusCode, error: { code, message: translate(lang, code, params), ...(fields ? { fields } : {}) } };
}

/**
 * Refusals from the router before any route runs (a path parameter longer than the router takes,
 * a malformed URL): the same error body in the caller's language, never Fastify's own text, which
 * quotes the path back.
 */
export function frameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  request.log.info({ errorCode: 'bad_request', fastifyCode: error.code }, 'request rejected');
  void reply.status(400).send(body(400, requestLanguage(request), 'bad_request'));
}

/** Maps a zod issue (as fastify-type-provider-zod reports it) to a field code a citizen understands. */
function fieldCode(keyword: string, params: Record<string, unknown>): { code: string; params: Record<string, string | number> } {
  const origin = params.origin;
  if (keyword === 'invalid_type' && params.received === 'undefined') return { code: 'field_required', params: {} };
  if (keyword === 'invalid_type' && String(params.input) === 'undefined') return { code: 'field_required', params: {} };
  if (keyword === 'invalid_format' && params.format === 'email') return { code: 'field_email', params: {} };
  if (keyword === 'too_big') return { code: origin === 'string' ? 'field_too_long' : 'field_too_big', params: { maximum: Number(params.maximum) } };
  if (keyword === 'too_small') {
    if (origin === 'string' && Number(params.minimum) === 1) return { code: 'field_required', params: {} };
    return { code: origin === 'string' ? 'field_too_short' : 'field_too_small', params: { minimum: Number(params.minimum) } };
  }
  // A refinement names its own field code (e.g. field_name_characters).
  const own = (params.params as { fieldCode?: unknown } | undefined)?.fieldCode;
  if (keyword === 'custom' && typeof own === 'string') return { code: own, params: {} };
  if (keyword === 'unrecognized_keys') return { code: 'field_unknown', params: {} };
  return { code: 'field_invalid', params: {} };
}

/** What may be logged of an unexpected error: class, code and the stack's frames (file and line, no message). */
export function failureOf(error: unknown): { errorClass: string; errorCode?: string; frames?: string[] } {
  const e = error as { name?: unknown; code?: unknown; stack?: unknown; constructor?: { name?: string } } | null;
  const errorClass = (typeof e?.constructor?.name === 'string' && e.constructor.name !== 'Object' ? e.constructor.name : String(e?.name ?? typeof error)).slice(0, 80);
  const code = typeof e?.code === 'string' || typeof e?.code === 'number' ? String(e.code).slice(0, 40) : undefined;
  const frames =
    typeof e?.stack === 'string'
      ? e.stack
          .split('\n')
          .filter((line) => /^\s+at /.test(line))
          .slice(0, 8)
          .map((line) => line.trim())
      : undefined;
  return { errorClass, ...(code && /^[\w.:-]+$/.test(code) ? { errorCode: code } : {}), ...(frames?.length ? { frames } : {}) };
}

/**
 * The one error handler: validation → 400 with field errors, domain errors by their status hint,
 * database races (unique/check violations) → 409, everything unknown → 500 without details.
 * Messages are in the requester's language; nothing personal is logged.
 */
export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const lang = requestLanguage(request);

      if (hasZodFastifySchemaValidationErrors(error)) {
        const where = (error as { validationContext?: string }).validationContext;
        const fields = error.validation.map((issue) => {
          const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
          const { code, params } = fieldCode(issue.keyword, issue.params as Record<string, unknown>);
          return { field: path || where || '', code, message: translate(lang, code, params) };
        });
        request.log.info({ errorCode: 'validation_failed', fields: fields.map((f) => f.field) }, 'request rejected');
        return reply.status(400).send(body(400, lang, 'validation_failed', {}, fields));
      }

      if (error instanceof ValidationError) {
        const fields = error.fieldErrors.map((f) => ({ field: f.field, code: f.code, message: translate(lang, f.code, f.params) }));
        request.log.info({ errorCode: error.code }, 'request rejected');
        return reply.status(400).send(body(400, lang, error.code, error.params, fields));
      }

      if (error instanceof DomainError) {
        const status = statusOf[error.status];
        if (error instanceof TooManyError) reply.header('retry-after', String(error.retryAfterSeconds));
        request.log.info({ errorCode: error.code }, 'request rejected');
        return reply.status(status).send(body(status, lang, error.code, error.params));
      }

      if (isUniqueViolation(error) || isCheckViolation(error)) {
        request.log.info({ errorCode: 'conflict' }, 'constraint refused a concurrent change');
        return reply.status(409).send(body(409, lang, 'conflict'));
      }
      if (isNotFound(error)) return reply.status(404).send(body(404, lang, 'not_found'));
      if (isTransientDatabaseError(error)) {
        // Overload or a restart, not a bug: the client may try again shortly, and nothing was written.
        request.log.warn({ errorCode: 'database_busy' }, 'the database could not take the request now');
        return reply
          .status(503)
          .header('retry-after', '1')
          .send(body(503, lang, 'service_unavailable'));
      }

      const status = error.statusCode ?? 500;
      if (status === 429) {
        return reply.status(429).send(body(429, lang, 'rate_limited', { seconds: Math.ceil(Number(reply.getHeader('retry-after') ?? 60)) }));
      }
      if (status === 503) {
        request.log.warn({ errorCode: 'service_unavailable' }, 'a dependency is unavailable');
        return reply.status(503).send(body(503, lang, 'service_unavailable'));
      }
      if (status >= 400 && status < 500) {
        const code =
          status === 401
            ? 'unauthorized'
            : status === 403
              ? 'forbidden'
              : status === 404
                ? 'not_found'
                : status === 413
                  ? 'payload_too_large'
                  : status === 415
                    ? 'unsupported_media_type'
                    : 'bad_request';
        request.log.info({ errorCode: code, fastifyCode: error.code }, 'request rejected');
        return reply.status(status).send(body(status, lang, code));
      }

      // Unknown failure: log its class and code, and where it happened, never its message or fields:
      // a driver's or library's message can quote the values it was given (a name, an address).
      request.log.error(
        isResponseSerializationError(error) ? { errorClass: 'ResponseSerializationError', errorCode: 'response_schema_mismatch' } : failureOf(error),
        'request failed',
      );
      return reply.status(500).send(body(500, lang, 'internal'));
    });

    app.setNotFoundHandler((request, reply) => {
      reply.status(404).send(body(404, requestLanguage(request), 'route_not_found'));
    });
  },
  { name: 'error-handler' },
);
