import ipaddr from 'ipaddr.js';
import { parseAllowEntry, type WorkspaceAllow } from './address-policy.js';

/**
 * The ranges a workspace admin may open by default: private networks only (RFC 1918,
 * carrier-grade NAT, IPv6 unique-local). Loopback, link-local (cloud metadata),
 * unspecified and reserved addresses stay the operator's call (WEFT_HTTP_ALLOW), as
 * does anything an operator adds with WEFT_WORKSPACE_ALLOWABLE.
 */
export const DEFAULT_WORKSPACE_ALLOWABLE: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'];

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Parses the operator's list of ranges workspaces may open; throws naming a malformed one (a configuration error). */
export function parseAllowable(ranges: readonly string[]): Cidr[] {
  return ranges.map((range) => {
    if (!ipaddr.isValidCIDR(range)) throw new Error(`Invalid workspace-allowable range "${range}": a CIDR such as 10.0.0.0/8`);
    return ipaddr.parseCIDR(range);
  });
}

const within = (allowable: readonly Cidr[], network: ipaddr.IPv4 | ipaddr.IPv6, prefix: number): boolean =>
  allowable.some(([block, blockPrefix]) => block.kind() === network.kind() && prefix >= blockPrefix && network.match(block, blockPrefix));

/** True when the resolved address may be opened by a workspace entry. */
export const isWorkspaceOpenable = (allowable: readonly Cidr[], address: ipaddr.IPv4 | ipaddr.IPv6): boolean =>
  within(allowable, address, address.kind() === 'ipv4' ? 32 : 128);

/**
 * Checks one entry of a workspace's allow-list: undefined when acceptable, else why not
 * (a sentence, without the entry's position). A host name is acceptable: it only ever
 * opens addresses inside the allowable ranges (checked again on every connection).
 */
export function createWorkspaceAllowCheck(allowableRanges: readonly string[] = DEFAULT_WORKSPACE_ALLOWABLE): (entry: string) => string | undefined {
  const allowable = parseAllowable(allowableRanges);
  return (raw) => {
    let entry: ReturnType<typeof parseAllowEntry>;
    try {
      entry = parseAllowEntry(raw);
    } catch {
      return `"${raw}" is not an IP address, a CIDR or a host name (each optionally with :port)`;
    }
    if (entry.kind === 'host') return undefined;
    if (within(allowable, entry.network, entry.prefix)) return undefined;
    return `"${raw}" is outside the ranges a workspace may open (${allowableRanges.join(', ')}); loopback, link-local and metadata addresses can only be allowed by the operator (WEFT_HTTP_ALLOW)`;
  };
}

/** A workspace's entries as the guarded fetch and host guard take them, limited to the allowable ranges. */
export function workspaceAllowFor(entries: readonly string[], allowableRanges: readonly string[] = DEFAULT_WORKSPACE_ALLOWABLE): WorkspaceAllow {
  const allowable = parseAllowable(allowableRanges);
  return { entries, openable: (address) => isWorkspaceOpenable(allowable, address) };
}
