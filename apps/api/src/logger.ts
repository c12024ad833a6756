import type { FastifyServerOptions } from 'fastify';

/**
 * Log options that keep personal data out of the logs: requests are logged by method and route
 * pattern only (paths and query strings can hold a booking code or an email), IPs are not logged, and any field that can
 * carry citizen data is censored wherever it appears in a logged object.
 */
export const PERSONAL_FIELDS = [
  'citizenName', 'citizenEmail', 'citizenPhone', 'name', 'email', 'phone', 'bookingCode', 'code',
  'authorization', 'cookie', 'password', 'token', 'accessToken', 'refreshToken',
] as const;

const redactPaths = PERSONAL_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`, `req.headers.${f}`, `res.headers.${f}`]);

export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: [...new Set(redactPaths)], censor: '[redacted]' },
    serializers: {
      req(req: { method: string; url: string; id: string; routeOptions?: { url?: string } }) {
        return { id: req.id, method: req.method, route: req.routeOptions?.url ?? '(no route)' };
      },
      res(res: { statusCode: number }) {
        return { statusCode: res.statusCode };
      },
    },
  };
}
