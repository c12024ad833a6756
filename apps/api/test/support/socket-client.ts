import WebSocket from 'ws';

export interface ServerMessage {
  type: string;
  data: unknown;
}

export interface TestSocket {
  ws: WebSocket;
  /** Every message received so far, in order. */
  messages: ServerMessage[];
  send(message: unknown): void;
  // The payload's shape depends on the message type; each test reads the fields it asserts on.
  /** Resolves with the first message (already received or arriving) of this type that matches. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  next(type: string, match?: (data: any) => boolean, timeoutMs?: number): Promise<any>;
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

/** A real WebSocket client against a listening API, recording what it receives. */
export async function openSocket(baseUrl: string, options: WebSocket.ClientOptions = {}): Promise<TestSocket> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/v1/queue/ws`, options);
  const messages: ServerMessage[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (raw) => {
    messages.push(JSON.parse(String(raw)));
    for (const w of waiters) w();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    messages,
    closed,
    send: (message) => ws.send(JSON.stringify(message)),
    close: () => ws.close(),
    next(type, match = () => true, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        let seen = 0;
        const check = () => {
          for (; seen < messages.length; seen++) {
            const m = messages[seen]!;
            if (m.type === type && match(m.data)) {
              waiters.delete(check);
              clearTimeout(timer);
              resolve(m.data);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${type} message within ${timeoutMs} ms; got ${messages.map((m) => m.type).join(', ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}
