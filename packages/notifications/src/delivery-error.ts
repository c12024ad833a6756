/**
 * Raised when a provider refuses or cannot take a message. The reason is built only from
 * protocol-level facts (status or response codes) so it can be logged and stored safely:
 * it never carries a recipient address, phone number or message text.
 */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';

  constructor(
    readonly channel: 'email' | 'sms',
    /** HTTP status (SMS) or SMTP reply code (e-mail); null when no reply was received. */
    readonly status: number | null,
    readonly reason: string,
    /** Worth retrying later (provider or network trouble) rather than a permanent refusal. */
    readonly retryable: boolean,
  ) {
    super(`${channel} delivery failed: ${reason}`);
  }
}
