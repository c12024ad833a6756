import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SipgateStubRequest {
  /** Credentials decoded from the Basic authorization header; null when absent or malformed. */
  auth: { tokenId: string; token: string } | null;
  /** Parsed JSON body; null when it was not JSON. */
  body: unknown;
}

export interface SipgateStub {
  /** Base URL to hand to createSipgateClient, mirroring the real one's /v2 prefix. */
  url: string;
  requests: SipgateStubRequest[];
  close(): Promise<void>;
}

/**
 * Local stand-in for Sipgate's `POST /v2/sessions/sms`, answering like the real API:
 * 401 for wrong credentials, 400 for a body without smsId, recipient and message, 204 on success.
 * The first `failTimes` requests get 503, to exercise retries.
 */
export async function startSipgateStub(options: { tokenId: string; token: string; failTimes?: number }): Promise<SipgateStub> {
  const requests: SipgateStubRequest[] = [];
  let failuresLeft = options.failTimes ?? 0;

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    if (req.method !== 'POST' || req.url !== '/v2/sessions/sms') {
      res.writeHead(404).end();
      return;
    }
    const auth = parseBasicAuth(req.headers.authorization);
    const body = parseJson(raw);
    requests.push({ auth, body });

    if (failuresLeft > 0) {
      failuresLeft -= 1;
      res.writeHead(503).end();
    } else if (auth?.tokenId !== options.tokenId || auth.token !== options.token) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 401 }));
    } else if (!hasSmsFields(body)) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 400 }));
    } else {
      res.writeHead(204).end();
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v2`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBasicAuth(header: string | undefined): SipgateStubRequest['auth'] {
  const match = /^Basic (.+)$/i.exec(header ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { tokenId: decoded.slice(0, colon), token: decoded.slice(colon + 1) };
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

function hasSmsFields(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const { smsId, recipient, message } = body as Record<string, unknown>;
  return [smsId, recipient, message].every((v) => typeof v === 'string' && v.length > 0);
}
