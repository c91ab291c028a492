import ipaddr from 'ipaddr.js';
import { BlockedAddressError } from './blocked-address-error.js';

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;
type RangeEntry = { kind: 'range'; network: IpAddress; prefix: number; port?: number };
type HostEntry = { kind: 'host'; host: string; port?: number };
type AllowEntry = RangeEntry | HostEntry;

/** Decides which resolved addresses a request may connect to. */
export type AddressPolicy = {
  /** Throws {@link BlockedAddressError} unless the host is allow-listed by name or every address is allowed. */
  assertAllowed(host: string, port: number, addresses: readonly string[]): void;
};

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');

/** `[::1]` → `::1`; a trailing dot of a fully qualified name is dropped; lower case. */
export function normalizeHost(host: string): string {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return bare.toLowerCase().replace(/\.$/, '');
}

const isIpLiteral = (text: string): boolean => ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(text);

/** True when the (normalized) host is an IP address rather than a name. */
export const isIpHost = (host: string): boolean => isIpLiteral(normalizeHost(host));

/** IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is judged as the IPv4 address it maps to. */
function parseAddress(text: string): IpAddress {
  const address = ipaddr.parse(normalizeHost(text));
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;
}

/**
 * Why an address is blocked by default, or undefined for a public unicast address.
 * Only public unicast passes: for IPv6 that also means inside 2000::/3, which
 * excludes the deprecated IPv4-compatible `::a.b.c.d` forms ipaddr.js calls unicast.
 */
export function blockedReason(address: IpAddress): string | undefined {
  if (address.kind() === 'ipv4') {
    const range = (address as ipaddr.IPv4).range();
    if (range === 'unicast') return undefined;
    if (address.toString() === '169.254.169.254') return 'cloud metadata address';
    return `${range} address`;
  }
  const range = (address as ipaddr.IPv6).range();
  if (range !== 'unicast') return `${range} address`;
  return address.match(GLOBAL_UNICAST_V6) ? undefined : 'reserved address';
}

function parsePort(text: string, entry: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65_535) throw new Error(`Invalid allow-list entry "${entry}": bad port`);
  return port;
}

/** Parses one allow-list entry: a CIDR, an IP, `[v6]:port`, `v4:port`, a host name or `host:port`. */
export function parseAllowEntry(raw: string): AllowEntry {
  const entry = raw.trim().toLowerCase();
  if (ipaddr.isValidCIDR(entry)) {
    const [network, prefix] = ipaddr.parseCIDR(entry);
    return { kind: 'range', network, prefix };
  }
  if (isIpLiteral(entry)) {
    const network = parseAddress(entry);
    return { kind: 'range', network, prefix: network.kind() === 'ipv4' ? 32 : 128 };
  }
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(entry);
  if (bracketed && ipaddr.IPv6.isValid(bracketed[1]!)) {
    const network = parseAddress(bracketed[1]!);
    return { kind: 'range', network, prefix: network.kind() === 'ipv4' ? 32 : 128, port: parsePort(bracketed[2]!, raw) };
  }
  const colon = entry.lastIndexOf(':');
  const name = colon === -1 ? entry : entry.slice(0, colon);
  const port = colon === -1 ? undefined : parsePort(entry.slice(colon + 1), raw);
  if (ipaddr.IPv4.isValidFourPartDecimal(name)) {
    return { kind: 'range', network: ipaddr.IPv4.parse(name), prefix: 32, port };
  }
  const host = normalizeHost(name);
  if (!HOST_NAME.test(host)) throw new Error(`Invalid allow-list entry "${raw}"`);
  return { kind: 'host', host, port };
}

const portMatches = (entry: AllowEntry, port: number): boolean => entry.port === undefined || entry.port === port;

const inRange = (entry: RangeEntry, address: IpAddress): boolean =>
  entry.network.kind() === address.kind() && address.match(entry.network, entry.prefix);

/**
 * A workspace's own allow-list: its entries only ever open addresses `openable` says a
 * workspace may open (private ranges by default), whether listed by range or by name.
 */
export type WorkspaceAllow = { entries: readonly string[]; openable: (address: IpAddress) => boolean };

/**
 * Builds the policy from the operator's allow-list entries (CIDRs, IPs or host names,
 * each optionally with `:port`) and, optionally, a workspace's. A host the operator
 * allows by name may resolve to any address; otherwise every resolved address must be
 * public unicast, inside an operator-allowed range, or openable and allowed by the
 * workspace (by range, or by name for that host).
 * @throws Error on a malformed entry (configuration error, at start-up).
 */
export function createAddressPolicy(allow: readonly string[] = [], workspace?: WorkspaceAllow): AddressPolicy {
  const entries = allow.map(parseAllowEntry);
  const workspaceEntries = (workspace?.entries ?? []).map(parseAllowEntry);
  const workspaceAllows = (host: string, port: number, address: IpAddress): boolean =>
    workspace !== undefined &&
    workspace.openable(address) &&
    workspaceEntries.some((entry) => portMatches(entry, port) && (entry.kind === 'host' ? entry.host === host : inRange(entry, address)));
  return {
    assertAllowed(rawHost, port, addresses) {
      const host = normalizeHost(rawHost);
      if (entries.some((entry) => entry.kind === 'host' && entry.host === host && portMatches(entry, port))) return;
      if (addresses.length === 0) throw new BlockedAddressError(host, undefined, 'the host did not resolve to any address');
      for (const text of addresses) {
        let address: IpAddress;
        try {
          address = parseAddress(text);
        } catch {
          throw new BlockedAddressError(host, text, 'unparsable address');
        }
        const reason = blockedReason(address);
        if (reason === undefined) continue;
        if (entries.some((entry) => entry.kind === 'range' && inRange(entry, address) && portMatches(entry, port))) continue;
        if (workspaceAllows(host, port, address)) continue;
        throw new BlockedAddressError(host, address.toString(), `${reason} (port ${port}) is not allow-listed`);
      }
    },
  };
}
