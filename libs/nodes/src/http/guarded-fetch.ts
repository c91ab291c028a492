import { Agent, fetch as undiciFetch } from 'undici';
import { createAddressPolicy, type AddressPolicy, type WorkspaceAllow } from './address-policy.js';
import { BlockedAddressError } from './blocked-address-error.js';
import { createGuardedConnector } from './guarded-connector.js';
import { resolveHost, systemResolver, type HostResolver } from './resolve-host.js';

export type GuardedFetchOptions = {
  /** CIDRs, IPs or host names, each optionally with `:port`, that may be reached although not public. */
  allow?: readonly string[];
  /** The run's workspace's own allow-list (private ranges only, by default). */
  workspaceAllow?: WorkspaceAllow;
  /** Redirects followed (each hop checked again); default 5. */
  maxRedirects?: number;
  /** DNS; defaults to the system resolver. Tests inject one to simulate rebinding. */
  resolver?: HostResolver;
  /** TCP/TLS connect timeout; default 10 s. */
  connectTimeoutMs?: number;
};

/** A `fetch` guarded against SSRF; `close()` releases its connection pool. */
export type GuardedFetch = typeof fetch & { close(): Promise<void> };

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Headers that carry credentials: never forwarded to another origin on redirect (as the Fetch standard does). */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];

type Hop = { url: URL; method: string; headers: Headers; body: RequestInit['body'] };

/**
 * Creates a `fetch` for node plugins that refuses private destinations:
 * - only http and https;
 * - the host is resolved (or taken literally if an IP) and every address checked
 *   before connecting; blocked unless allow-listed: loopback, private, link-local
 *   (169.254.169.254 included), unique-local, CGNAT, 0.0.0.0/8, `::`, multicast,
 *   broadcast, reserved, and the IPv4-mapped IPv6 forms of those;
 * - the check is repeated at connect time by the dispatcher (defeats DNS rebinding);
 * - redirects are followed here, at most `maxRedirects`, each hop checked again;
 *   credential headers are dropped when a redirect changes origin.
 * @throws BlockedAddressError when a destination is refused.
 */
export function createGuardedFetch(options: GuardedFetchOptions = {}): GuardedFetch {
  const policy = createAddressPolicy(options.allow ?? [], options.workspaceAllow);
  const resolver = options.resolver ?? systemResolver;
  const maxRedirects = options.maxRedirects ?? 5;
  const agent = new Agent({ connect: createGuardedConnector(policy, resolver, { timeout: options.connectTimeoutMs ?? 10_000 }) });

  const guardedFetch = async (input: string | URL | Request, requestInit: RequestInit = {}): Promise<Response> => {
    const init = input instanceof Request && requestInit.signal === undefined ? { ...requestInit, signal: input.signal } : requestInit;
    const redirectMode = init.redirect ?? (input instanceof Request ? input.redirect : 'follow');
    let hop = await firstHop(input, init);
    for (let redirects = 0; ; redirects += 1) {
      await precheck(hop.url, policy, resolver);
      const response = await send(hop, init, agent);
      const location = response.headers.get('location');
      if (!REDIRECT_STATUSES.has(response.status) || location === null || redirectMode === 'manual') return response;
      await response.body?.cancel();
      if (redirectMode === 'error') throw new TypeError(`Redirect refused: the request asked for redirect "error" (status ${response.status})`);
      if (redirects >= maxRedirects) throw new TypeError(`Too many redirects (more than ${maxRedirects})`);
      hop = nextHop(hop, response.status, new URL(location, hop.url));
    }
  };
  return Object.assign(guardedFetch, { close: () => agent.close() });
}

async function firstHop(input: string | URL | Request, init: RequestInit): Promise<Hop> {
  if (input instanceof Request) {
    const body = init.body ?? (input.body ? await input.arrayBuffer() : null);
    return { url: new URL(input.url), method: (init.method ?? input.method).toUpperCase(), headers: new Headers(init.headers ?? input.headers), body };
  }
  return { url: new URL(input), method: (init.method ?? 'GET').toUpperCase(), headers: new Headers(init.headers), body: init.body ?? null };
}

async function precheck(url: URL, policy: AddressPolicy, resolver: HostResolver): Promise<void> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BlockedAddressError(url.hostname || url.protocol, undefined, `${url.protocol} URLs are not allowed, only http and https`);
  }
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  let addresses: readonly string[];
  try {
    addresses = await resolveHost(url.hostname, resolver);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new TypeError(`Could not resolve ${url.hostname}${typeof code === 'string' ? ` (${code})` : ''}`, { cause: error });
  }
  policy.assertAllowed(url.hostname, port, addresses);
}

async function send(hop: Hop, init: RequestInit, agent: Agent): Promise<Response> {
  const request = { ...init, method: hop.method, headers: hop.headers, body: hop.body, redirect: 'manual', dispatcher: agent };
  try {
    return await undiciFetch(hop.url, request as unknown as Parameters<typeof undiciFetch>[1]);
  } catch (error) {
    // The connect-time check fails inside undici, which wraps it in `TypeError('fetch failed')`.
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof BlockedAddressError) throw cause;
    throw error;
  }
}

/** The Fetch standard's redirect rules: 303 (and 301/302 after POST) become GET without a body. */
function nextHop(hop: Hop, status: number, url: URL): Hop {
  const headers = new Headers(hop.headers);
  let { method, body } = hop;
  if ((status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST')) {
    method = 'GET';
    body = null;
    for (const name of BODY_HEADERS) headers.delete(name);
  } else if (body instanceof ReadableStream) {
    throw new TypeError(`Cannot follow a ${status} redirect with a streamed body`);
  }
  if (url.origin !== hop.url.origin) for (const name of CREDENTIAL_HEADERS) headers.delete(name);
  return { url, method, headers, body };
}
