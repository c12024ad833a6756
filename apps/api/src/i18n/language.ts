import type { FastifyRequest } from 'fastify';

export type Lang = 'de' | 'en';

/** The citizen's language: ?lang=, then Accept-Language, then German (the office's language). */
export function requestLanguage(request: FastifyRequest): Lang {
  const query = request.query as Record<string, unknown> | undefined;
  const fromQuery = typeof query?.lang === 'string' ? query.lang : undefined;
  if (fromQuery === 'de' || fromQuery === 'en') return fromQuery;
  const header = request.headers['accept-language'];
  if (typeof header === 'string') {
    const ranked = header
      .split(',')
      .map((part) => {
        const [tag = '', q] = part.trim().split(';q=');
        return { lang: tag.slice(0, 2).toLowerCase(), q: q ? Number(q) : 1 };
      })
      .sort((a, b) => b.q - a.q);
    for (const { lang } of ranked) if (lang === 'de' || lang === 'en') return lang;
  }
  return 'de';
}
