/**
 * Thrown by the guarded fetch when a request (or one of its redirects) would reach
 * an address that is not allowed: a non-http(s) URL, or a host resolving to a
 * loopback, private, link-local (cloud metadata), unique-local, CGNAT, multicast,
 * broadcast or otherwise reserved address that the allow-list does not cover.
 * Raised before connecting. The message names the host and the address, never
 * the path, query, headers or body (they may carry credentials).
 */
export class BlockedAddressError extends Error {
  override readonly name = 'BlockedAddressError';

  constructor(
    readonly host: string,
    readonly address: string | undefined,
    readonly reason: string,
  ) {
    const resolved = address && address !== host ? ` (${address})` : '';
    super(`Blocked request to ${host}${resolved}: ${reason}`);
  }
}
