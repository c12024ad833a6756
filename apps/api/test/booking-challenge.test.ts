import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveChallenge } from 'altcha-lib';
import { createTestApp, type TestApp } from './support/test-app';
import { seedBookingFixtures, type BookingFixtures } from './support/booking-fixtures';

/**
 * The rush-day challenge (Tenant.bookingChallenge): where it is on, a booking needs an ALTCHA
 * solution or, from a page without JavaScript, a wait token after its wait; each is used once.
 */
let t: TestApp;
let fx: BookingFixtures;
let clock = Date.now();
/** Free times at Bürgeramt Mitte, one for each booking of this file. */
let times: Date[] = [];

beforeAll(async () => {
  t = await createTestApp({ BOOKING_CHALLENGE_MAX_NUMBER: '2000', BOOKING_CHALLENGE_WAIT_MS: '8000' }, { now: () => new Date(clock) });
  fx = await seedBookingFixtures(t.app.db);
  const slots = await t.app.db.timeSlot.findMany({ where: { locationId: fx.mitteId, startsAt: { gt: fx.at('00:00') } }, orderBy: { startsAt: 'asc' }, take: 40 });
  times = slots.map((slot) => slot.startsAt);
});
afterAll(() => t.close());

const setChallenge = (on: boolean) => t.app.db.tenant.update({ where: { slug: 'demo' }, data: { bookingChallenge: on } });
const bookings = () => t.app.db.appointment.count();

interface Slot {
  locationId: string;
  serviceId: string;
  startsAt: string;
}
const nextSlot = (): Slot => ({ locationId: fx.mitteId, serviceId: fx.services.personalausweis!, startsAt: times.shift()!.toISOString() });

function book(slot: Slot, challenge?: object, lang = 'de', headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/appointments',
    headers: { 'accept-language': lang, ...headers },
    payload: {
      tenant: 'demo',
      ...slot,
      citizen: { name: 'Erika Mustermann', email: `erika${times.length}@example.org` },
      smsOptIn: false,
      language: 'de',
      consent: true,
      ...(challenge ? { challenge } : {}),
    },
  });
}

async function challengeFor(slot: Slot) {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/tenants/demo/booking-challenge?${new URLSearchParams({ ...slot })}` });
  expect(res.statusCode).toBe(200);
  return res.json();
}

/** Solves the challenge as the browser's widget does, with altcha-lib's own solver. */
async function solved(slot: Slot): Promise<string> {
  const { altcha } = await challengeFor(slot);
  const solution = await solveChallenge(altcha.challenge, altcha.salt, altcha.algorithm, altcha.maxnumber).promise;
  expect(solution).not.toBeNull();
  return Buffer.from(
    JSON.stringify({ algorithm: altcha.algorithm, challenge: altcha.challenge, number: solution!.number, salt: altcha.salt, signature: altcha.signature }),
  ).toString('base64');
}

describe('the rush-day booking challenge', () => {
  it('is not asked for while the municipality has it off', async () => {
    await setChallenge(false);
    const slot = nextSlot();
    expect(await challengeFor(slot)).toEqual({ required: false });
    expect((await book(slot)).statusCode).toBe(201);
  });

  it('refuses a booking without a solution with 403 in the citizen’s language, booking nothing', async () => {
    await setChallenge(true);
    const before = await bookings();
    const refused = await book(nextSlot());
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'booking_challenge_required', message: expect.stringContaining('Sicherheitsprüfung') });
    expect((await book(nextSlot(), undefined, 'en')).json().error.message).toContain('security check');
    expect(await bookings()).toBe(before);
  });

  it('accepts a solved challenge once and refuses it on replay; a retry of the same request answers the same booking', async () => {
    await setChallenge(true);
    const slot = nextSlot();
    const altcha = await solved(slot);
    const first = await book(slot, { altcha }, 'de', { 'idempotency-key': 'rush-1' });
    expect(first.statusCode, first.body).toBe(201);
    const retry = await book(slot, { altcha }, 'de', { 'idempotency-key': 'rush-1' });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().bookingCode).toBe(first.json().bookingCode);
    const before = await bookings();
    const replay = await book(nextSlot(), { altcha });
    expect(replay.statusCode).toBe(403);
    expect(replay.json().error).toMatchObject({ code: 'booking_challenge_invalid', message: expect.stringContaining('schon verwendet') });
    expect(await bookings()).toBe(before);
  });

  it('refuses a forged, a foreign and an expired solution', async () => {
    await setChallenge(true);
    const slot = nextSlot();
    const altcha = await solved(slot);
    const payload = JSON.parse(Buffer.from(altcha, 'base64').toString());
    const forged = Buffer.from(JSON.stringify({ ...payload, number: payload.number + 1 })).toString('base64');
    expect((await book(slot, { altcha: forged })).statusCode).toBe(403);
    expect((await book(slot, { altcha: 'not-base64-json' })).statusCode).toBe(403);
    // Signed with another key: another installation's challenge.
    const other = await createTestApp({ CONTACT_HASH_SECRET: 'another-secret-another-secret-another' });
    await seedBookingFixtures(other.app.db);
    await other.app.db.tenant.update({ where: { slug: 'demo' }, data: { bookingChallenge: true } });
    const res = await other.app.inject({ method: 'GET', url: `/api/v1/tenants/demo/booking-challenge?${new URLSearchParams({ ...slot })}` });
    const foreign = res.json().altcha;
    const solution = await solveChallenge(foreign.challenge, foreign.salt, foreign.algorithm, foreign.maxnumber).promise;
    await other.close();
    const foreignPayload = Buffer.from(JSON.stringify({ ...foreign, number: solution!.number })).toString('base64');
    expect((await book(slot, { altcha: foreignPayload })).json().error.code).toBe('booking_challenge_invalid');
    // Ten minutes later the solution has expired.
    clock += 10 * 60_000 + 1000;
    const expired = await book(slot, { altcha });
    expect(expired.statusCode).toBe(403);
    expect(expired.json().error.code).toBe('booking_challenge_invalid');
  });

  it('accepts the wait token of a page without JavaScript only after its wait, and only once', async () => {
    await setChallenge(true);
    const slot = nextSlot();
    const { waitToken, waitSeconds } = await challengeFor(slot);
    expect(waitSeconds).toBe(8);
    clock += 3000;
    const early = await book(slot, { waitToken });
    expect(early.statusCode).toBe(403);
    expect(early.json().error).toMatchObject({
      code: 'booking_challenge_wait',
      message: 'Bitte warten Sie noch 5 Sekunden und senden Sie das Formular dann noch einmal ab.',
    });
    // Bound to its slot: not a pass for another time.
    clock += 6000;
    expect((await book(nextSlot(), { waitToken })).json().error.code).toBe('booking_challenge_invalid');
    const [nb, exp, sig] = waitToken.split('.');
    expect((await book(slot, { waitToken: `${Number(nb) - 8000}.${exp}.${sig}` })).json().error.code).toBe('booking_challenge_invalid');
    const booked = await book(slot, { waitToken });
    expect(booked.statusCode, booked.body).toBe(201);
    const again = await book(nextSlot(), { waitToken });
    expect(again.statusCode).toBe(403);
  });
});
