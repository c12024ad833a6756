import { timingSafeEqual } from 'node:crypto';

/** Whether a `/metrics` request's Authorization header carries the configured scrape token. */
export function metricsScrapeAllowed(authorization: string | undefined, token: string | undefined): boolean {
  if (!token || !authorization?.startsWith('Bearer ')) return false;
  const given = Buffer.from(authorization.slice('Bearer '.length));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
