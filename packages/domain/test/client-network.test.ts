import { describe, expect, it } from 'vitest';
import { clientNetworks } from '../src/client-network';

describe('clientNetworks', () => {
  it('counts an IPv4 address under its /24', () => {
    expect(clientNetworks('203.0.113.57')).toEqual({ address: '203.0.113.57', network: '203.0.113.0/24' });
    expect(clientNetworks('::ffff:203.0.113.57')).toEqual({ address: '203.0.113.57', network: '203.0.113.0/24' });
  });

  it('counts every spelling of an IPv6 address under one /64', () => {
    const long = clientNetworks('2001:0db8:0001:0002:0000:0000:0000:0001');
    expect(clientNetworks('2001:db8:1:2::1')).toEqual(long);
    expect(clientNetworks('2001:DB8:1:2::1%eth0')).toEqual(long);
    expect(long.network).toBe('2001:0db8:0001:0002::/64');
    expect(clientNetworks('2001:db8:1:2:ffff::9').network).toBe(long.network);
    expect(clientNetworks('2001:db8:1:3::1').network).not.toBe(long.network);
    expect(clientNetworks('::1')).toEqual({ address: '0000:0000:0000:0000:0000:0000:0000:0001', network: '0000:0000:0000:0000::/64' });
  });

  it('counts what is no IP address as itself alone', () => {
    expect(clientNetworks('300.1.1.1')).toEqual({ address: '300.1.1.1', network: '300.1.1.1' });
    expect(clientNetworks('1::2::3')).toEqual({ address: '1::2::3', network: '1::2::3' });
  });
});
