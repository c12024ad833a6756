/**
 * A TCP link that delivers everything `delayMs` late, in order, both ways: a far-away Redis (or any
 * server) for tests about what can happen while a request is on the wire.
 */
import net from 'node:net';

export interface SlowLink {
  url: string;
  /**
   * Resolves once the server has answered a request that contains `text`: the answer has reached
   * the link and still has `delayMs` to travel to the client.
   */
  answered(text: string): Promise<void>;
  close(): Promise<void>;
}

export async function startSlowLink(target: URL, delayMs: number): Promise<SlowLink> {
  const sockets = new Set<net.Socket>();
  // Requests on their way to the server, per connection, each waiting for the server's next answer there.
  const watched: { text: string; seen: (client: net.Socket) => void }[] = [];
  const awaitingAnswer = new Map<net.Socket, (() => void)[]>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(from);
      // Timers with the same delay fire in the order they were set, so chunks stay in order.
      from.on('data', (chunk) => {
        if (from === upstream) {
          // The server has answered everything it had been sent on this connection.
          for (const done of awaitingAnswer.get(client)?.splice(0) ?? []) done();
        }
        setTimeout(() => {
          if (to.destroyed) return;
          to.write(chunk);
          if (to === upstream) {
            for (const w of watched.filter((w) => chunk.includes(w.text))) {
              watched.splice(watched.indexOf(w), 1);
              w.seen(client);
            }
          }
        }, delayMs);
      });
      from.on('close', () => setTimeout(() => to.destroy(), delayMs));
      from.on('error', () => to.destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    answered: (text) =>
      new Promise<void>((resolve) => {
        watched.push({
          text,
          seen: (client) => {
            const list = awaitingAnswer.get(client) ?? [];
            awaitingAnswer.set(client, [...list, resolve]);
          },
        });
      }),
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
