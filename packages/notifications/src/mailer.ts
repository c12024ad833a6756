import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { DeliveryError } from './delivery-error';

export interface MailerConfig {
  host: string;
  port: number;
  /** true for implicit TLS (usually port 465); false lets the server offer STARTTLS. */
  secure: boolean;
  user?: string;
  pass?: string;
  /** Sender shown to citizens, e.g. `"Stadt Musterstadt" <termine@musterstadt.de>`. */
  from: string;
  /**
   * Connections kept open to the server and shared by all sends (default 5). A send waits for a
   * free one, so a worker gives it at least as many as it runs sends at once.
   */
  maxConnections?: number;
}

export interface EmailAttachment {
  filename: string;
  content: Buffer | string;
  contentType: string;
  /** Set for images referenced from the HTML as `cid:<cid>`. */
  cid?: string;
  contentDisposition?: 'attachment' | 'inline';
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: EmailAttachment[];
  /**
   * Message-ID header, e.g. `<key@host>`. A stable id per message lets mailbox providers that
   * de-duplicate by Message-ID drop a copy sent again after an uncertain first attempt.
   */
  messageId?: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
  close(): void;
}

// Connection-level failures usually pass; anything the server answered with 5xx will not.
const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS']);

export function createMailer(config: MailerConfig): Mailer {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    auth: config.user ? { user: config.user, pass: config.pass ?? '' } : undefined,
    // A connection, its greeting, EHLO and login cost more than the message sent over it: they are
    // kept and reused (nodemailer opens a fresh one after 100 messages, and after a failure).
    pool: true,
    maxConnections: config.maxConnections ?? 5,
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // nodemailer's own logging would print envelopes, i.e. citizens' addresses.
    logger: false,
    debug: false,
  });

  return {
    async send(email) {
      try {
        // Composed into one buffer before it is sent: streamed as it is built, a message left in
        // dozens of small socket writes, which cost more CPU than building it.
        const message = new MailComposer({ from: config.from, ...email }).compile();
        const raw = await message.build();
        const info = await transport.sendMail({ envelope: message.getEnvelope(), raw });
        return { messageId: message.messageId() ?? info.messageId };
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
    close() {
      transport.close();
    },
  };
}

/** Keeps only the SMTP reply code or nodemailer's error code: server texts often quote the address. */
function toDeliveryError(error: unknown): DeliveryError {
  const { responseCode, code } = (error ?? {}) as { responseCode?: unknown; code?: unknown };
  if (typeof responseCode === 'number') {
    return new DeliveryError('email', responseCode, `SMTP ${responseCode}`, responseCode >= 400 && responseCode < 500);
  }
  const safeCode = typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : 'EUNKNOWN';
  return new DeliveryError('email', null, `SMTP ${safeCode}`, TRANSIENT_CODES.has(safeCode));
}
