import { describe, expect, it } from 'vitest';
import { createAddressPolicy, parseAllowEntry } from './address-policy.js';
import { BlockedAddressError } from './blocked-address-error.js';

const check = (allow: string[], address: string, port = 80, host = 'api.example.com') => () => createAddressPolicy(allow).assertAllowed(host, port, [address]);

describe('address policy', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'cloud metadata'],
    ['169.254.1.1', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd00:ec2::254', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'cloud metadata'],
    ['::ffff:10.0.0.1', 'private'],
    ['::127.0.0.1', 'loopback'],
    ['::7f00:1', 'reserved'],
    ['64:ff9b::7f00:1', 'rfc6052'],
    ['2002:7f00:1::', '6to4'],
  ])('blocks %s by default (%s)', (address, reason) => {
    expect(check([], address)).toThrow(BlockedAddressError);
    expect(check([], address)).toThrow(reason);
  });

  it.each(['8.8.8.8', '93.184.216.34', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '2a00:1450:4001::200e'])('allows the public address %s', (address) => {
    expect(check([], address)).not.toThrow();
  });

  it('names the host and the address in the error, nothing else', () => {
    const error = (() => {
      try {
        check([], '169.254.169.254', 80, 'metadata.example')();
      } catch (caught) {
        return caught as BlockedAddressError;
      }
      throw new Error('expected a block');
    })();
    expect(error.message).toBe('Blocked request to metadata.example (169.254.169.254): cloud metadata address (port 80) is not allow-listed');
    expect(error.host).toBe('metadata.example');
    expect(error.address).toBe('169.254.169.254');
  });

  it('blocks when any resolved address is blocked', () => {
    expect(() => createAddressPolicy([]).assertAllowed('mixed.example', 443, ['93.184.216.34', '10.0.0.1'])).toThrow(/10\.0\.0\.1/);
    expect(() => createAddressPolicy([]).assertAllowed('empty.example', 443, [])).toThrow(/did not resolve/);
  });

  it('allows IPs and CIDRs from the allow-list, IPv4-mapped forms included', () => {
    expect(check(['127.0.0.1'], '127.0.0.1')).not.toThrow();
    expect(check(['127.0.0.1'], '::ffff:127.0.0.1')).not.toThrow();
    expect(check(['127.0.0.1'], '127.0.0.2')).toThrow(BlockedAddressError);
    expect(check(['10.0.0.0/8'], '10.9.9.9')).not.toThrow();
    expect(check(['10.0.0.0/8'], '192.168.1.1')).toThrow(BlockedAddressError);
    expect(check(['fd00::/8'], 'fd12::1')).not.toThrow();
    expect(check(['::1'], '::1')).not.toThrow();
  });

  it('restricts allow-listed IPs and hosts to a port when one is given', () => {
    expect(check(['127.0.0.1:8080'], '127.0.0.1', 8080)).not.toThrow();
    expect(check(['127.0.0.1:8080'], '127.0.0.1', 8081)).toThrow(/port 8081/);
    expect(check(['[::1]:8080'], '::1', 8080)).not.toThrow();
    expect(check(['[::1]:8080'], '::1', 22)).toThrow(BlockedAddressError);
    expect(check(['internal.svc:443'], '10.0.0.5', 443, 'internal.svc')).not.toThrow();
    expect(check(['internal.svc:443'], '10.0.0.5', 80, 'internal.svc')).toThrow(BlockedAddressError);
  });

  it('allows a host named in the allow-list whatever it resolves to', () => {
    expect(check(['localhost'], '127.0.0.1', 3000, 'localhost')).not.toThrow();
    expect(check(['LocalHost'], '::1', 3000, 'localhost.')).not.toThrow();
    expect(check(['localhost'], '127.0.0.1', 3000, 'other.local')).toThrow(BlockedAddressError);
  });

  it('refuses malformed allow-list entries at creation', () => {
    expect(() => parseAllowEntry('not a host!')).toThrow(/Invalid allow-list entry/);
    expect(() => parseAllowEntry('10.0.0.1:99999')).toThrow(/bad port/);
    expect(() => parseAllowEntry('')).toThrow(/Invalid allow-list entry/);
    expect(parseAllowEntry(' Internal.Svc ')).toEqual({ kind: 'host', host: 'internal.svc', port: undefined });
  });
});
