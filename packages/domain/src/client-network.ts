/**
 * The keys a client address is counted under: the address itself and its network — an IPv4 /24 or an
 * IPv6 /64 (what one household, office or rented server usually holds, and what a bot can change
 * within cheaply). An IPv4 address written as IPv6 (`::ffff:203.0.113.5`) counts as the IPv4 one.
 * Anything that is not an IP address (it cannot be, from the socket) counts as itself alone.
 */
export function clientNetworks(address: string): { address: string; network: string } {
  const bare = address.replace(/%.*$/, '').toLowerCase();
  const ip = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare)?.[1] ?? bare;
  const v4 = ipv4Octets(ip);
  if (v4) return { address: v4.join('.'), network: `${v4.slice(0, 3).join('.')}.0/24` };
  const v6 = ipv6Groups(ip);
  if (v6) return { address: v6.join(':'), network: `${v6.slice(0, 4).join(':')}::/64` };
  return { address: ip, network: ip };
}

function ipv4Octets(text: string): number[] | null {
  const parts = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text)?.slice(1).map(Number);
  return parts && parts.every((p) => p <= 255) ? parts : null;
}

/** The eight 16-bit groups of an IPv6 address as four hex digits each (a trailing IPv4 part converted), or null. */
function ipv6Groups(ip: string): string[] | null {
  if (!ip.includes(':') || !/^[0-9a-f:.]+$/.test(ip)) return null;
  let text = ip;
  const tail4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (tail4) {
    const octets = ipv4Octets(tail4);
    if (!octets) return null;
    const [a, b, c, d] = octets as [number, number, number, number];
    text = text.slice(0, -tail4.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const left = halves[0] ? halves[0].split(':') : [];
  const right = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = halves.length === 2 ? 8 - left.length - right.length : 0;
  const groups = [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right];
  if (groups.length !== 8 || (halves.length === 2 && missing < 1) || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => g.padStart(4, '0'));
}
