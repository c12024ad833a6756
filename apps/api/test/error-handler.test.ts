import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConflictError, ForbiddenError, GoneError, NotFoundError, ValidationError } from '@termin/domain';
import { createTestApp, type TestApp } from './support/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({}, { ready: false });
  const app = t.app;
  // Routes that raise each class of error the handler has to map.
  app.post(
    '/t/validated',
    { config: { access: 'public' }, schema: { body: z.object({ email: z.email(), name: z.string().min(1).max(5), count: z.number().int().max(3) }).strict() } },
    async () => ({ ok: true }),
  );
  app.get('/t/not-found', { config: { access: 'public' } }, async () => {
    throw new NotFoundError('not_found');
  });
  app.get('/t/conflict', { config: { access: 'public' } }, async () => {
    throw new ConflictError('conflict');
  });
  app.get('/t/forbidden', { config: { access: 'public' } }, async () => {
    throw new ForbiddenError();
  });
  app.get('/t/gone', { config: { access: 'public' } }, async () => {
    throw new GoneError();
  });
  app.get('/t/domain-validation', { config: { access: 'public' } }, async () => {
    throw new ValidationError([{ field: 'startsAt', code: 'field_invalid' }]);
  });
  app.get('/t/unique-race', { config: { access: 'public' } }, async () => {
    await app.db.tenant.create({ data: { slug: 'dup', name: 'A' } });
    await app.db.tenant.create({ data: { slug: 'dup', name: 'B' } });
  });
  app.get('/t/serialization-failure', { config: { access: 'public' } }, async () => {
    await app.db.$executeRawUnsafe(`DO $$ BEGIN RAISE EXCEPTION 'could not serialize access' USING ERRCODE = '40001'; END $$`);
  });
  app.get('/t/transaction-expired', { config: { access: 'public' } }, async () => {
    // The transaction outlives its timeout, as an overloaded database makes it do.
    await app.db.$transaction(
      async (tx) => {
        await tx.$queryRawUnsafe('SELECT pg_sleep(0.3)::text');
        await tx.tenant.count();
      },
      { timeout: 50 },
    );
  });
  app.get('/t/crash', { config: { access: 'public' } }, async () => {
    throw new Error('boom at /internal/path.ts:42');
  });
  app.get('/t/crash-quoting', { config: { access: 'public' } }, async () => {
    // What a driver or library error can look like: its message and fields quote the values it was given.
    throw Object.assign(new TypeError('cannot store "Erika Mustermann" <erika@example.org>, +491511234567'), {
      code: 'ERR_STORE',
      detail: 'Key (citizen_email)=(erika@example.org) already exists.',
      meta: { value: 'Erika Mustermann' },
    });
  });
  await app.ready();
});
afterAll(async () => t?.close());

describe('error handler', () => {
  it.each(['/t/serialization-failure', '/t/transaction-expired'])('answers a busy database (%s) with 503 and Retry-After, never 500', async (url) => {
    const res = await t.app.inject({ method: 'GET', url, headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.json().error.message).toMatch(/try again/i);
  });

  it('answers Turkish, Arabic and Ukrainian readers in English, the API having no catalogue of theirs', async () => {
    for (const lang of ['tr', 'ar-SA', 'uk']) {
      const res = await t.app.inject({ method: 'POST', url: '/t/validated', headers: { 'accept-language': lang }, payload: { email: 'x', name: 'ok', count: 1 } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toBe('Please check your input.');
    }
  });

  it('maps schema validation to 400 with field errors in German by default', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/t/validated', payload: { email: 'not-an-email', name: 'far too long', count: 9, extra: 1 } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toBe('Bitte prüfen Sie Ihre Eingaben.');
    const byField = Object.fromEntries(body.error.fields.map((f: { field: string; message: string }) => [f.field, f.message]));
    expect(byField.email).toBe('Bitte geben Sie eine gültige E-Mail-Adresse an');
    expect(byField.name).toBe('Höchstens 5 Zeichen');
    expect(byField.count).toBe('Höchstens 3');
  });

  it('answers in English when the citizen asks for it', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/t/validated', headers: { 'accept-language': 'en-GB,en;q=0.9,de;q=0.5' }, payload: { name: 'x', count: 1 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('Please check your input.');
    expect(res.json().error.fields).toContainEqual({ field: 'email', code: 'field_required', message: 'Required' });
  });

  it.each([
    ['/t/not-found', 404, 'not_found'],
    ['/t/conflict', 409, 'conflict'],
    ['/t/forbidden', 403, 'forbidden'],
    ['/t/gone', 410, 'gone'],
    ['/t/domain-validation', 400, 'validation_failed'],
    ['/t/unique-race', 409, 'conflict'],
    ['/no/such/route', 404, 'route_not_found'],
  ])('maps %s to %i %s', async (url, status, code) => {
    const res = await t.app.inject({ method: 'GET', url, headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.message).not.toBe(code);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/t/validated', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('bad_request');
  });

  it('hides the details of an unexpected failure', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/t/crash' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('boom');
    expect(res.body).not.toContain('.ts');
    expect(res.json().error.code).toBe('internal');
  });

  it('logs an unexpected failure by its class and code only, never values it quotes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/t/crash-quoting' });
    expect(res.statusCode).toBe(500);
    const line = t
      .logs()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .find((l) => l.msg === 'request failed' && l.errorClass === 'TypeError');
    expect(line, t.logs()).toMatchObject({ level: 50, errorClass: 'TypeError', errorCode: 'ERR_STORE' });
    expect(t.logs()).not.toMatch(/Erika|Mustermann|erika@example\.org|491511234567|citizen_email/);
  });
});
