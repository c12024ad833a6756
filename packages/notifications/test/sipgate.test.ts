import { afterEach, describe, expect, it } from 'vitest';
import { createSipgateClient, DeliveryError } from '../src';
import { startSipgateStub, type SipgateStub } from '../src/testing/sipgate-stub';

const credentials = { tokenId: 'token-ABC123', token: 'secret-0123-4567' };
const sms = { recipient: '+4915112345678', message: 'Termin bestätigt: Mi., 15.01.2025, 08:00 Uhr. Buchungscode: K7M-4QX' };

let stub: SipgateStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

async function expectDeliveryError(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the SMS to be refused');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  const delivery = error as DeliveryError;
  // Errors end up in logs and job records: no phone number, no message text.
  const everything = `${delivery.message} ${delivery.reason} ${String(delivery.stack)}`;
  expect(everything).not.toContain('4915112345678');
  expect(everything).not.toContain('K7M-4QX');
  return delivery;
}

describe('Sipgate SMS client', () => {
  it('posts smsId, recipient and message with the token as Basic auth', async () => {
    stub = await startSipgateStub(credentials);
    const client = createSipgateClient({ baseUrl: stub.url, ...credentials, smsId: 's0' });

    await client.sendSms(sms);

    expect(stub.requests).toEqual([{ auth: credentials, body: { smsId: 's0', recipient: sms.recipient, message: sms.message } }]);
  });

  it('reports wrong credentials as a permanent 401 without personal data', async () => {
    stub = await startSipgateStub(credentials);
    const client = createSipgateClient({ baseUrl: stub.url, tokenId: credentials.tokenId, token: 'wrong', smsId: 's0' });

    const error = await expectDeliveryError(client.sendSms(sms));
    expect(error.status).toBe(401);
    expect(error.retryable).toBe(false);
    expect(error.channel).toBe('sms');
  });

  it('reports a request the provider rejects as 400', async () => {
    stub = await startSipgateStub(credentials);
    const client = createSipgateClient({ baseUrl: stub.url, ...credentials, smsId: 's0' });

    const error = await expectDeliveryError(client.sendSms({ recipient: sms.recipient, message: '' }));
    expect(error.status).toBe(400);
    expect(error.retryable).toBe(false);
  });

  it('marks provider outages as retryable and succeeds once the provider is back', async () => {
    stub = await startSipgateStub({ ...credentials, failTimes: 2 });
    const client = createSipgateClient({ baseUrl: stub.url, ...credentials, smsId: 's0' });

    for (let attempt = 0; attempt < 2; attempt += 1) {
      const error = await expectDeliveryError(client.sendSms(sms));
      expect(error.status).toBe(503);
      expect(error.retryable).toBe(true);
    }
    await client.sendSms(sms);
    expect(stub.requests).toHaveLength(3);
  });

  it('reports an unreachable provider as retryable, without a status', async () => {
    stub = await startSipgateStub(credentials);
    const url = stub.url;
    await stub.close();
    stub = undefined;
    const client = createSipgateClient({ baseUrl: url, ...credentials, smsId: 's0' });

    const error = await expectDeliveryError(client.sendSms(sms));
    expect(error.status).toBeNull();
    expect(error.retryable).toBe(true);
    expect(error.reason).toContain('ECONNREFUSED');
  });
});
