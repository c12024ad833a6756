import { describe, expect, it } from 'vitest';
import { usePortal } from './portal';

// As deployed behind Traefik: the API believes X-Forwarded-For from the portal's server (here on
// loopback), the portal reads its visitor's address from the proxy's header. Three look-ups a
// minute per address.
const portal = usePortal({
  apiEnv: { TRUST_PROXY: 'loopback', RATE_LIMIT_BOOKING_MAX: '3' },
  appEnv: { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' },
});

/** The manage page's look-up form, sent without JavaScript by a visitor at `address`. */
async function lookUp(address: string): Promise<string> {
  const res = await fetch(`${portal.app.url}/manage/ABCD-EFGH-JKMN-PQRS?/lookup`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: portal.app.url, 'x-forwarded-for': address, 'accept-language': 'de' },
    body: new URLSearchParams({ email: 'someone@example.org' }),
  });
  return res.text();
}

describe('the portal calls the API for its visitors', () => {
  it("so each citizen has her own rate limit instead of sharing the portal server's", async () => {
    for (let i = 0; i < 3; i++) expect(await lookUp('198.51.100.7')).not.toContain('Zu viele Anfragen');
    // The fourth look-up from the same citizen is refused ...
    expect(await lookUp('198.51.100.7')).toContain('Zu viele Anfragen');
    // ... while another citizen, through the same portal server, is not held up by her.
    expect(await lookUp('198.51.100.8')).not.toContain('Zu viele Anfragen');
  });
});
