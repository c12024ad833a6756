import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerError } from 'smtp-server';

export interface SmtpRejection {
  /** SMTP reply code, e.g. 550 (permanent) or 451 (temporary). */
  code: number;
  message: string;
}

export interface SmtpSink {
  port: number;
  /** Every accepted message, parsed, in arrival order. */
  messages: ParsedMail[];
  /** From now on, refuse each recipient with this reply (null accepts again). */
  setReject(rejection: SmtpRejection | null): void;
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
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  let rejection = options.rejectWith ?? null;

  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(_auth, _session, callback) {
      callback(null, { user: 'test' });
    },
    onRcptTo(_address, _session, callback) {
      if (!rejection) return callback();
      const error: SMTPServerError = new Error(rejection.message);
      error.responseCode = rejection.code;
      callback(error);
    },
    onData(stream, _session, callback) {
      // Parsed before answering, so a message is in `messages` once the client's send resolves.
      simpleParser(stream).then(
        (mail) => {
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
    setReject(next) {
      rejection = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
