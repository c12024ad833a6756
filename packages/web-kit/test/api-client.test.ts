import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApiClient } from '../src';
import { sendJson, startLocalServer, type LocalServer } from './local-server';

const greeting = z.object({ hello: z.string() });

// Answers like the API: its contract's error shape, messages in the requester's language.
let api: LocalServer;
beforeAll(async () => {
  api = await startLocalServer((req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const german = req.headers['accept-language'] === 'de';
    if (url.pathname === '/ok') return sendJson(res, 200, { hello: url.searchParams.get('name') ?? 'world' });
    if (url.pathname === '/echo') return sendJson(res, 200, { hello: JSON.parse(body).name });
    if (url.pathname === '/refused')
      return sendJson(res, 400, {
        statusCode: 400,
        error: {
          code: 'validation_failed',
          message: german ? 'Bitte prüfen Sie Ihre Eingaben.' : 'Please check your input.',
          fields: [{ field: 'email', code: 'field_email', message: german ? 'Bitte geben Sie eine gültige E-Mail-Adresse an' : 'Please enter a valid email address' }],
        },
      });
    if (url.pathname === '/off-contract') return sendJson(res, 200, { hello: 42 });
    if (url.pathname === '/proxy-page') return res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad Gateway</h1>');
    if (url.pathname === '/calendar.ics') return res.writeHead(200, { 'content-type': 'text/calendar' }).end('BEGIN:VCALENDAR');
    sendJson(res, 404, {
      statusCode: 404,
      error: { code: 'not_found', message: german ? 'Das Gesuchte wurde nicht gefunden.' : 'We could not find what you were looking for.' },
    });
  });
});
afterAll(() => api.close());

describe('the API client', () => {
  it('returns the answer checked against its contract', async () => {
    const client = createApiClient({ baseUrl: api.url, lang: 'en' });
    expect(await client.get('/ok', greeting, { query: { name: 'Anna & Ben' } })).toEqual({ ok: true, status: 200, data: { hello: 'Anna & Ben' } });
    expect(await client.post('/echo', greeting, { body: { name: 'Cem' } })).toMatchObject({ ok: true, data: { hello: 'Cem' } });
  });

  it("carries the API's refusal: status, code, message in the visitor's language and the field errors", async () => {
    const result = await createApiClient({ baseUrl: api.url, lang: 'de' }).post('/refused', greeting, { body: {} });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(400);
    expect(result.error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Bitte prüfen Sie Ihre Eingaben.' });
    expect(result.error.fieldMessage('email')).toBe('Bitte geben Sie eine gültige E-Mail-Adresse an');
    expect(result.error.fieldMessage('name')).toBeNull();
  });

  it('turns an unreachable API into a 503 the visitor can read, never an exception', async () => {
    const gone = await startLocalServer(() => {});
    await gone.close();
    const result = await createApiClient({ baseUrl: gone.url, lang: 'de', unavailableMessage: 'book.unavailable' }).get('/ok', greeting);
    expect(result).toMatchObject({
      ok: false,
      status: 503,
      error: { code: 'unavailable', message: expect.stringContaining('Die Terminbuchung ist gerade nicht erreichbar') },
    });
  });

  it('treats an answer outside the contract, or a proxy page, as the API failing', async () => {
    const client = createApiClient({ baseUrl: api.url, lang: 'en' });
    expect(await client.get('/off-contract', greeting)).toMatchObject({
      ok: false,
      status: 502,
      error: { code: 'bad_response', message: expect.stringContaining('unavailable') },
    });
    expect(await client.get('/proxy-page', greeting)).toMatchObject({ ok: false, status: 502, error: { code: 'unavailable' } });
  });

  it("sends the visitor's language, her token and her address; without a token no authorization header", async () => {
    await createApiClient({ baseUrl: api.url, lang: 'en', accessToken: 'token-1', visitorAddress: '198.51.100.7' }).get('/ok', greeting);
    const signedIn = api.requests.at(-1)!;
    expect(signedIn.headers).toMatchObject({ 'accept-language': 'en', authorization: 'Bearer token-1', 'x-forwarded-for': '198.51.100.7' });
    await createApiClient({ baseUrl: api.url, lang: 'de' }).get('/ok', greeting);
    expect(api.requests.at(-1)!.headers.authorization).toBeUndefined();
    expect(api.requests.at(-1)!.headers['x-forwarded-for']).toBeUndefined();
  });

  it('passes files on as they came, with the same error model when they are missing', async () => {
    const client = createApiClient({ baseUrl: api.url, lang: 'en' });
    const file = await client.file('/calendar.ics');
    expect(file.ok && (await file.data.text())).toBe('BEGIN:VCALENDAR');
    expect(await client.file('/missing.ics')).toMatchObject({
      ok: false,
      status: 404,
      error: { code: 'not_found', message: 'We could not find what you were looking for.' },
    });
  });
});
