import { lookup } from 'node:dns/promises';
import { isIpHost, normalizeHost } from './address-policy.js';

/** Resolves a host name to its addresses (IPv4 first). Injected in tests to simulate DNS. */
export type HostResolver = (hostname: string) => Promise<readonly string[]>;

export const systemResolver: HostResolver = async (hostname) => {
  const results = await lookup(hostname, { all: true, verbatim: false });
  return results.map((result) => result.address);
};

/** An IP host is taken literally (no DNS); a name goes through the resolver. */
export async function resolveHost(host: string, resolver: HostResolver): Promise<readonly string[]> {
  const bare = normalizeHost(host);
  return isIpHost(bare) ? [bare] : resolver(bare);
}
