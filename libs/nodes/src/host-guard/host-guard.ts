import { createAddressPolicy, type WorkspaceAllow } from '../http/address-policy.js';
import { resolveHost, systemResolver, type HostResolver } from '../http/resolve-host.js';

/**
 * Resolves `host` for a raw TCP connection (SMTP, PostgreSQL), checks every address with
 * the same SSRF policy as the guarded fetch, and returns the checked address to connect to
 * (connecting to it, not to the name, defeats DNS rebinding).
 * @throws BlockedAddressError when the host resolves to a refused address.
 * @throws Error `Could not resolve <host>` when DNS fails (a transient failure).
 */
export type HostGuard = (host: string, port: number) => Promise<string>;

export type HostGuardOptions = {
  /** The same allow-list as the guarded fetch (WEFT_HTTP_ALLOW): CIDRs, IPs or host names, each optionally with `:port`. */
  allow?: readonly string[];
  /** The run's workspace's own allow-list, as for the guarded fetch. */
  workspaceAllow?: WorkspaceAllow;
  resolver?: HostResolver;
};

export function createHostGuard(options: HostGuardOptions = {}): HostGuard {
  const policy = createAddressPolicy(options.allow ?? [], options.workspaceAllow);
  const resolver = options.resolver ?? systemResolver;
  return async (host, port) => {
    let addresses: readonly string[];
    try {
      addresses = await resolveHost(host, resolver);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new Error(`Could not resolve ${host}${typeof code === 'string' ? ` (${code})` : ''}`, { cause: error });
    }
    policy.assertAllowed(host, port, addresses);
    return addresses[0]!;
  };
}
