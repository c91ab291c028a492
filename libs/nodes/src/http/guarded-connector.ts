import { buildConnector } from 'undici';
import { isIpHost, normalizeHost, type AddressPolicy } from './address-policy.js';
import { resolveHost, type HostResolver } from './resolve-host.js';

const defaultPort = (protocol: string): number => (protocol === 'https:' ? 443 : 80);

/**
 * An undici connector that resolves the host itself, checks every address with the
 * policy (with the port, which a `connect.lookup` hook would not see) and connects
 * to the checked address: what is checked is exactly what is connected to, so a
 * DNS answer that changes between the pre-check and the connection (DNS rebinding)
 * is caught here. TLS keeps verifying the certificate against the host name (SNI).
 */
export function createGuardedConnector(policy: AddressPolicy, resolver: HostResolver, options: buildConnector.BuildOptions = {}): buildConnector.connector {
  const connect = buildConnector(options);
  return (connectOptions, callback) => {
    const host = normalizeHost(connectOptions.hostname);
    const port = Number(connectOptions.port) || defaultPort(connectOptions.protocol);
    resolveHost(host, resolver)
      .then((addresses) => {
        policy.assertAllowed(host, port, addresses);
        const servername = connectOptions.servername ?? (isIpHost(host) ? undefined : host);
        connect({ ...connectOptions, hostname: addresses[0]!, ...(servername ? { servername } : {}) }, callback);
      })
      .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null));
  };
}
