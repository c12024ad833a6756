import type { FastifyRequest } from 'fastify';
import { pickLanguage, type Lang } from '@termin/contracts';

export type { Lang };

/** The citizen's language: ?lang=, then Accept-Language, then German (the office's language). */
export function requestLanguage(request: FastifyRequest): Lang {
  const query = request.query as Record<string, unknown> | undefined;
  const header = request.headers['accept-language'];
  return pickLanguage(typeof header === 'string' ? header : undefined, undefined, typeof query?.lang === 'string' ? query.lang : undefined);
}
