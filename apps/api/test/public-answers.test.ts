import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';
import { seedBookingFixtures, type BookingFixtures } from './support/booking-fixtures';
import { appointmentAt } from './support/queue-examples';

/**
 * Public answers carry only what the citizen's own pages show: no staff data (no-show score or
 * band, contact data, internal ids of other records). Each public JSON route lists the field paths
 * its answer may hold (arrays as `[]`); an answer with any other field fails, and so does a new
 * public route without an entry here.
 */
let t: TestApp;
let fx: BookingFixtures;

beforeAll(async () => {
  t = await createTestApp({ CITIZEN_BASE_URL: 'https://termine.example.org' });
  fx = await seedBookingFixtures(t.app.db);
  // Self-check-in is off by default; the public check-in route is only reachable where it is on.
  await t.app.db.tenant.updateMany({ data: { selfCheckinEnabled: true } });
});
afterAll(() => t?.close());

const EMAIL = 'erika@example.org';
const booking = [
  'id',
  'bookingCode',
  'status',
  'startsAt',
  'endsAt',
  'timezone',
  'location',
  'location.name',
  'location.address',
  'service',
  'service.nameDe',
  'service.nameEn',
  // What to bring: the office's public text about the service.
  'service.documentsDe',
  'service.documentsEn',
  // … and in Leichte Sprache, for German readers who chose it.
  'service.documentsEasy',
  'links',
  'links.manage',
  'links.checkin',
];
const managed = [
  'id',
  'bookingCode',
  'status',
  'startsAt',
  'endsAt',
  'timezone',
  'location',
  'location.id',
  'location.name',
  'location.address',
  'service',
  'service.id',
  'service.nameDe',
  'service.nameEn',
  'sequence',
  'cancellable',
  'cancellable.allowed',
  'cancellable.deadline',
];
const position = ['locationId', 'ticketNumber', 'status', 'position', 'estimatedWaitMinutes', 'counter'];

/** Every field path of a JSON value, array items merged under `[]`. */
function fieldPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return [...new Set(value.flatMap((item) => fieldPaths(item, `${prefix}[]`)))];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = prefix ? (prefix.endsWith('[]') ? `${prefix}.${key}` : `${prefix}.${key}`) : key;
    return [path, ...fieldPaths(child, path)];
  });
}

interface Example {
  /** null: not a JSON answer (files, probes, the socket), checked elsewhere. */
  call: (() => Promise<{ method: 'GET' | 'POST'; url: string; payload?: object; headers?: Record<string, string> }>) | null;
  fields?: string[];
}

let code = '';
async function bookOnce(): Promise<string> {
  if (code) return code;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/appointments',
    payload: {
      tenant: 'demo',
      locationId: fx.mitteId,
      serviceId: fx.services.personalausweis,
      startsAt: fx.at('09:00').toISOString(),
      citizen: { name: 'Erika Mustermann', email: EMAIL },
      smsOptIn: false,
      language: 'de',
      consent: true,
    },
  });
  code = res.json().bookingCode;
  return code;
}
const checkedIn = { code: '' };

const examples: Record<string, Example> = {
  'POST /api/v1/appointments': {
    call: async () => ({
      method: 'POST',
      url: '/api/v1/appointments',
      payload: {
        tenant: 'demo',
        locationId: fx.mitteId,
        serviceId: fx.services.personalausweis,
        startsAt: fx.at('10:00').toISOString(),
        citizen: { name: 'Max Mustermann', email: 'max@example.org' },
        smsOptIn: false,
        language: 'de',
        consent: true,
      },
    }),
    fields: booking,
  },
  'GET /api/v1/appointments/by-code/:code': {
    call: async () => ({ method: 'GET', url: `/api/v1/appointments/by-code/${await bookOnce()}`, headers: { 'booking-email': EMAIL } }),
    fields: managed,
  },
  'POST /api/v1/appointments/by-code/:code/reschedule': {
    call: async () => ({
      method: 'POST',
      url: `/api/v1/appointments/by-code/${await bookOnce()}/reschedule`,
      payload: { email: EMAIL, startsAt: fx.at('11:00').toISOString() },
    }),
    fields: managed,
  },
  'POST /api/v1/appointments/by-code/:code/cancel': {
    call: async () => ({ method: 'POST', url: `/api/v1/appointments/by-code/${await bookOnce()}/cancel`, payload: { email: EMAIL } }),
    fields: managed,
  },
  'GET /api/v1/tenants/:tenant/locations': {
    call: async () => ({ method: 'GET', url: '/api/v1/tenants/demo/locations' }),
    fields: ['[]', '[].id', '[].slug', '[].name', '[].address', '[].timezone'],
  },
  'GET /api/v1/tenants/:tenant/locations/:locationId/services': {
    call: async () => ({ method: 'GET', url: `/api/v1/tenants/demo/locations/${fx.mitteId}/services` }),
    fields: ['[]', '[].id', '[].slug', '[].nameDe', '[].nameEn', '[].durationMinutes', '[].documentsDe', '[].documentsEn', '[].documentsEasy'],
  },
  'GET /api/v1/tenants/:tenant/locations/:locationId/availability/days': {
    call: async () => ({
      method: 'GET',
      url: `/api/v1/tenants/demo/locations/${fx.mitteId}/availability/days?serviceId=${fx.services.personalausweis}&from=${fx.day}&to=${fx.day}`,
    }),
    fields: ['timezone', 'days', 'lastDay'],
  },
  'GET /api/v1/tenants/:tenant/locations/:locationId/availability/slots': {
    call: async () => ({ method: 'GET', url: `/api/v1/tenants/demo/locations/${fx.mitteId}/availability/slots?serviceId=${fx.services.personalausweis}&date=${fx.day}` }),
    fields: ['timezone', 'date', 'slots', 'slots[].startsAt', 'slots[].endsAt', 'slots[].localTime'],
  },
  'POST /api/v1/checkin/:bookingCode': {
    call: async () => {
      checkedIn.code = (await appointmentAt(t.app.db, fx.mitteId)).bookingCode;
      return { method: 'POST', url: `/api/v1/checkin/${checkedIn.code}`, payload: { locationId: fx.mitteId } };
    },
    fields: position,
  },
  'GET /api/v1/queue/position/:bookingCode': {
    call: async () => ({ method: 'GET', url: `/api/v1/queue/position/${checkedIn.code}` }),
    fields: position,
  },
  'GET /api/v1/tenants/:tenant/portal': {
    call: async () => ({ method: 'GET', url: '/api/v1/tenants/demo/portal' }),
    fields: [
      'name',
      'primaryColor',
      'logoUrl',
      'legal',
      'legal.imprint',
      'legal.imprint.de',
      'legal.imprint.en',
      'legal.privacy',
      'legal.privacy.de',
      'legal.privacy.en',
      'legal.accessibility',
      'legal.accessibility.de',
      'legal.accessibility.en',
      'legal.accessibilityContactEmail',
      'legal.accessibilityContactAddress',
    ],
  },
  // Where the challenge is on (booking-challenge.test.ts) the answer holds the challenge and the wait token, nothing else.
  'GET /api/v1/tenants/:tenant/booking-challenge': {
    call: async () => ({
      method: 'GET',
      url: `/api/v1/tenants/demo/booking-challenge?locationId=${fx.mitteId}&serviceId=${fx.services.personalausweis}&startsAt=${fx.at('12:00').toISOString()}`,
    }),
    fields: ['required', 'altcha', 'altcha.algorithm', 'altcha.challenge', 'altcha.maxnumber', 'altcha.salt', 'altcha.signature', 'waitToken', 'waitSeconds'],
  },
  // An image, served only where the municipality uploaded one (tenant-settings.test.ts).
  'GET /api/v1/tenants/:tenant/logo': { call: null },
  'GET /api/v1/appointments/by-code/:code/calendar.ics': { call: null },
  'GET /api/v1/appointments/by-code/:code/qr.png': { call: null },
  'GET /api/v1/appointments/by-code/:code/qr.svg': { call: null },
  'GET /api/v1/queue/ws': { call: null },
  'GET /health': { call: null },
  'GET /ready': { call: null },
  // Only for a scraper with METRICS_TOKEN; 404 to everyone else (test/metrics.test.ts).
  'GET /metrics': { call: null },
};

function publicRoutes() {
  return t.app.routeAccessTable.filter((r) => r.access === 'public' && r.method !== 'HEAD' && !r.url.startsWith('/docs')).map((r) => `${r.method} ${r.url}`);
}

describe('public answers', () => {
  it('has a contract entry for every public route', () => {
    const missing = publicRoutes().filter((key) => !examples[key]);
    expect(missing, 'public routes without an entry in test/public-answers.test.ts').toEqual([]);
  });

  // In this order: the check-in makes the ticket the position route reads; cancel comes last.
  it.each(Object.entries(examples).filter(([, e]) => e.call))('%s answers only citizen-visible fields', async (key, example) => {
    const spec = await example.call!();
    const res = await t.app.inject({
      method: spec.method,
      url: spec.url,
      ...(spec.payload ? { payload: spec.payload } : {}),
      ...(spec.headers ? { headers: spec.headers } : {}),
    });
    expect(res.statusCode, `${key}: ${res.body}`).toBeLessThan(300);
    const extra = fieldPaths(res.json()).filter((path) => !example.fields!.includes(path));
    expect(extra, `${key} answers fields a citizen's pages do not show`).toEqual([]);
    expect(res.body).not.toMatch(/noShow|score|citizenEmail|citizenPhone|contactHash/i);
  });
});
