import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerError } from 'smtp-server';

export interface SmtpRejection {
  /** SMTP reply code, e.g. 550 (permanent) or 451 (temporary). */
  code: number;
  message: string;
}

/** What the sink keeps of every message it accepts, parsed or not. */
export interface AcceptedMessage {
  /** The Message-ID header, e.g. `<abc@host>`; null when the message had none. */
  messageId: string | null;
  /** When the sink accepted it (ms since epoch). */
  at: number;
  bytes: number;
}

export interface SmtpSink {
  port: number;
  /** Every accepted message, parsed, in arrival order (empty with `parse: false`). */
  messages: ParsedMail[];
  /** Every accepted message's Message-ID, time and size, in arrival order. */
  accepted: AcceptedMessage[];
  /** With `parse: false`, the first accepted message as it arrived, to be parsed by whoever needs it. */
  firstRaw(): Buffer | null;
  /** When each refused recipient was refused (ms since epoch), to observe retry timing. */
  rejections: { at: number; code: number }[];
  /** From now on, refuse each recipient with this reply (null accepts again). */
  setReject(rejection: SmtpRejection | null): void;
  /**
   * From now on, hold each recipient this long before answering, like a slow or overloaded
   * server: a sender stopped meanwhile has handed over nothing. 0 answers at once again.
   */
  setRecipientDelay(ms: number): void;
  /** Recipients currently held by the delay, i.e. senders in the middle of a conversation. */
  heldRecipients(): number;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 that keeps what it receives. Accepts any credentials over
 * plain text, since tests connect without TLS.
 */
export interface SmtpSinkOptions {
  rejectWith?: SmtpRejection | null;
  /** 0 (default) picks a free port; the start command uses a fixed one as the development mail catcher. */
  port?: number;
  onMessage?: (mail: ParsedMail) => void;
  /**
   * false keeps only what a mail server looks at (the Message-ID header, size, time) instead of
   * parsing every message: the throughput benchmark, where parsing cost more CPU than sending.
   */
  parse?: boolean;
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const accepted: AcceptedMessage[] = [];
  let first: Buffer | null = null;
  const parse = options.parse ?? true;
  const rejections: SmtpSink['rejections'] = [];
  let rejection = options.rejectWith ?? null;
  let recipientDelayMs = 0;
  let held = 0;

  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // Connections come from 127.0.0.1: no reverse DNS lookup for each.
    disableReverseLookup: true,
    onAuth(_auth, _session, callback) {
      callback(null, { user: 'test' });
    },
    onRcptTo(_address, _session, callback) {
      const answer = () => {
        if (!rejection) return callback();
        rejections.push({ at: Date.now(), code: rejection.code });
        const error: SMTPServerError = new Error(rejection.message);
        error.responseCode = rejection.code;
        callback(error);
      };
      if (recipientDelayMs <= 0) return answer();
      held += 1;
      setTimeout(() => {
        held -= 1;
        answer();
      }, recipientDelayMs).unref();
    },
    onData(stream, _session, callback) {
      if (!parse) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', (error: Error) => callback(error));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          first ??= raw;
          accepted.push({ messageId: headerMessageId(raw), at: Date.now(), bytes: raw.length });
          callback();
        });
        return;
      }
      // Parsed before answering, so a message is in `messages` once the client's send resolves.
      simpleParser(stream).then(
        (mail) => {
          accepted.push({ messageId: mail.messageId ?? null, at: Date.now(), bytes: (stream as { byteLength?: number }).byteLength ?? 0 });
          messages.push(mail);
          options.onMessage?.(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    port,
    messages,
    accepted,
    firstRaw: () => first,
    rejections,
    setReject(next) {
      rejection = next;
    },
    setRecipientDelay(ms) {
      recipientDelayMs = ms;
    },
    heldRecipients: () => held,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function headerMessageId(raw: Buffer): string | null {
  const end = raw.indexOf('\r\n\r\n');
  const header = raw.subarray(0, end < 0 ? raw.length : end).toString('latin1');
  return /^message-id:\s*(<[^>\r\n]+>)/im.exec(header)?.[1] ?? null;
}

/** Parses a message kept raw (see `firstRaw`), as the sink does with `parse: true`. */
export function parseMessage(raw: Buffer): Promise<ParsedMail> {
  return simpleParser(raw);
}
