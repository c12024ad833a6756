import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CookieJar } from '@termin/web-auth';
import { createSealedCookie } from '../src';
import { startLocalServer, type LocalServer } from './local-server';

const secret = 'a-test-secret-of-at-least-thirty-two-characters';
const proof = createSealedCookie(() => secret, { name: 'proof', path: '/', maxAgeSeconds: 600, schema: z.object({ code: z.string(), email: z.email() }) });
// Another cookie holding the same shape: a value sealed for one must not open as the other.
const other = createSealedCookie(() => secret, { name: 'other', path: '/', maxAgeSeconds: 600, schema: z.object({ code: z.string(), email: z.email() }) });

/** SvelteKit's cookie jar as far as the kit uses it, over a plain Node request and response. */
function jarOf(req: IncomingMessage, res: ServerResponse): CookieJar {
  const sent = new Map(
    (req.headers.cookie ?? '')
      .split('; ')
      .filter(Boolean)
      .map((pair) => pair.split('=') as [string, string]),
  );
  const setCookies: string[] = [];
  return {
    get: (name) => sent.get(name),
    set(name, value, options) {
      setCookies.push(
        `${name}=${value}; Path=${options.path}; Max-Age=${options.maxAge}${options.httpOnly ? '; HttpOnly' : ''}; SameSite=${options.sameSite}${options.secure ? '; Secure' : ''}`,
      );
      res.setHeader('set-cookie', setCookies);
    },
    delete(name, options) {
      setCookies.push(`${name}=; Path=${options.path}; Max-Age=0`);
      res.setHeader('set-cookie', setCookies);
    },
  };
}

let app: LocalServer;
beforeAll(async () => {
  app = await startLocalServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const cookies = jarOf(req, res);
    if (url.pathname === '/remember') await proof.set({ cookies, url }, { code: 'ABCD', email: 'anna@example.org' });
    if (url.pathname === '/forget') proof.forget(cookies);
    const found = { proof: await proof.get(cookies), other: await other.get(cookies) };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(found));
  });
});
afterAll(() => app.close());

async function visit(path: string, cookie?: string) {
  const res = await fetch(`${app.url}${path}`, { headers: cookie ? { cookie } : {} });
  return { body: (await res.json()) as { proof: unknown; other: unknown }, setCookies: res.headers.getSetCookie() };
}

describe('sealed cookies', () => {
  it('come back as they were set, httpOnly, without the browser being able to read them', async () => {
    const { setCookies } = await visit('/remember');
    expect(setCookies).toHaveLength(1);
    const [pair, ...attributes] = setCookies[0]!.split('; ');
    expect(attributes).toEqual(['Path=/', 'Max-Age=600', 'HttpOnly', 'SameSite=lax']);
    expect(pair).not.toContain('anna');
    expect(Buffer.from(pair!.split('.').join(''), 'base64url').toString('latin1')).not.toContain('anna@example.org');
    expect((await visit('/', pair)).body.proof).toEqual({ code: 'ABCD', email: 'anna@example.org' });
  });

  it('read as no cookie when altered, moved to another cookie, or sealed with another secret', async () => {
    const pair = (await visit('/remember')).setCookies[0]!.split('; ')[0]!;
    const value = pair.slice('proof='.length);
    const flipped = value.slice(0, -2) + (value.at(-2) === 'A' ? 'B' : 'A') + value.at(-1);
    expect((await visit('/', `proof=${flipped}`)).body.proof).toBeNull();
    expect((await visit('/', `other=${value}`)).body.other).toBeNull();

    const foreign = createSealedCookie(() => 'another-secret-of-at-least-thirty-two-chars', { name: 'proof', path: '/', maxAgeSeconds: 600, schema: z.unknown() });
    let sealed = '';
    await foreign.set(
      { cookies: { get: () => undefined, set: (_n, v) => (sealed = v), delete: () => {} }, url: new URL('http://x') },
      { code: 'ABCD', email: 'anna@example.org' },
    );
    expect((await visit('/', `proof=${sealed}`)).body.proof).toBeNull();
  });

  it('are removed when forgotten', async () => {
    const pair = (await visit('/remember')).setCookies[0]!.split('; ')[0]!;
    const { setCookies } = await visit('/forget', pair);
    expect(setCookies).toEqual(['proof=; Path=/; Max-Age=0']);
  });
});
