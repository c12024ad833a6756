import { DeliveryError } from './delivery-error';

export interface SipgateConfig {
  /** Defaults to Sipgate's public REST API. */
  baseUrl?: string;
  /** Personal access token id ("token-…") and its secret; the token needs the sessions:sms:write scope. */
  tokenId: string;
  token: string;
  /** Web SMS extension to send from, e.g. "s0". */
  smsId: string;
  timeoutMs?: number;
}

export interface SmsMessage {
  /** E.164 phone number, e.g. "+4915112345678". */
  recipient: string;
  message: string;
}

export interface SmsClient {
  sendSms(sms: SmsMessage): Promise<void>;
}

const SIPGATE_DEFAULT_BASE_URL = 'https://api.sipgate.com/v2';

export function createSipgateClient(config: SipgateConfig): SmsClient {
  const endpoint = `${(config.baseUrl ?? SIPGATE_DEFAULT_BASE_URL).replace(/\/+$/, '')}/sessions/sms`;
  const authorization = `Basic ${Buffer.from(`${config.tokenId}:${config.token}`).toString('base64')}`;

  return {
    async sendSms({ recipient, message }) {
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ smsId: config.smsId, recipient, message }),
          signal: AbortSignal.timeout(config.timeoutMs ?? 15_000),
        });
      } catch (error) {
        throw new DeliveryError('sms', null, `no response from SMS provider (${networkCause(error)})`, true);
      }
      // Drain the body so the connection can be reused; its content may echo the recipient,
      // so it never goes into the error.
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) {
        const retryable = response.status === 429 || response.status >= 500;
        throw new DeliveryError('sms', response.status, `SMS provider answered HTTP ${response.status}`, retryable);
      }
    },
  };
}

function networkCause(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'timeout';
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : 'network error';
}
