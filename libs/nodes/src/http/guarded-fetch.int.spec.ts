import { SSRF_CORPUS } from '../test-support/ssrf-corpus.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../test-support/http-server.js';
import { BlockedAddressError } from './blocked-address-error.js';
import { createGuardedFetch, type GuardedFetch } from './guarded-fetch.js';

let server: TestServer;
let other: TestServer;
const fetches: GuardedFetch[] = [];

/** A guarded fetch closed after each test. */
const guarded = (options: Parameters<typeof createGuardedFetch>[0] = {}): GuardedFetch => {
  const fetch = createGuardedFetch(options);
  fetches.push(fetch);
  return fetch;
};

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the request to be refused');
    },
    (error: unknown) => error,
  );
}

beforeAll(async () => {
  server = await startServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const location = url.searchParams.get('to');
    if (url.pathname === '/redirect' && location) {
      response.writeHead(Number(url.searchParams.get('status') ?? 302), { location }).end();
    } else if (url.pathname === '/loop') {
      response.writeHead(302, { location: '/loop' }).end();
    } else {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path: url.pathname, method: request.method, authorization: request.headers.authorization ?? null }));
    }
  });
  other = await startServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ other: true, method: request.method, authorization: request.headers.authorization ?? null }));
  });
});

afterEach(async () => {
  await Promise.all(fetches.splice(0).map((fetch) => fetch.close()));
});

afterAll(async () => {
  await Promise.all([server.close(), other.close()]);
});

describe('guarded fetch', () => {
  it('refuses a loopback server by default, before connecting', async () => {
    const before = server.connections();
    const error = await rejection(guarded()(`${server.origin}/data`));
    expect(error).toBeInstanceOf(BlockedAddressError);
    expect((error as Error).message).toBe(`Blocked request to 127.0.0.1: loopback address (port ${server.port}) is not allow-listed`);
    expect(server.connections()).toBe(before);
  });

  it('reaches the server when its address is allow-listed', async () => {
    const response = await guarded({ allow: ['127.0.0.1'] })(`${server.origin}/data`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ path: '/data', method: 'GET', authorization: null });
  });

  it('honours the port of an allow-list entry', async () => {
    const fetch = guarded({ allow: [`127.0.0.1:${server.port}`] });
    expect((await fetch(`${server.origin}/data`)).status).toBe(200);
    expect(await rejection(fetch(`${other.origin}/`))).toBeInstanceOf(BlockedAddressError);
  });

  it('refuses localhost by name (it resolves to loopback) unless allow-listed', async () => {
    const error = await rejection(guarded()(`http://localhost:${server.port}/`));
    expect(error).toBeInstanceOf(BlockedAddressError);
    expect((error as Error).message).toMatch(/^Blocked request to localhost \((127\.0\.0\.1|::1)\)/);
    expect((await guarded({ allow: ['localhost'] })(`http://localhost:${server.port}/`)).status).toBe(200);
  });

  it.each(SSRF_CORPUS)('refuses %s', async (template) => {
    const before = server.connections();
    const error = await rejection(guarded()(template.replace('PORT', String(server.port))));
    expect(error).toBeInstanceOf(BlockedAddressError);
    expect(server.connections()).toBe(before);
  });

  it.each(['file:///etc/passwd', 'ftp://example.com/file', 'data:text/plain,hello', 'gopher://127.0.0.1:70/'])('refuses the scheme of %s', async (url) => {
    const error = await rejection(guarded({ allow: ['127.0.0.1'] })(url));
    expect(error).toBeInstanceOf(BlockedAddressError);
    expect((error as Error).message).toMatch(/only http and https/);
  });

  it('refuses a redirect to the metadata address', async () => {
    const fetch = guarded({ allow: ['127.0.0.1'] });
    const error = await rejection(fetch(`${server.origin}/redirect?to=${encodeURIComponent('http://169.254.169.254/latest/meta-data/iam')}`));
    expect(error).toBeInstanceOf(BlockedAddressError);
    expect((error as Error).message).toMatch(/169\.254\.169\.254.*cloud metadata/);
    expect((error as Error).message).not.toMatch(/iam|meta-data/);
  });

  it('refuses a redirect to a loopback port that is not allow-listed, before connecting', async () => {
    const fetch = guarded({ allow: [`127.0.0.1:${server.port}`] });
    const before = other.connections();
    const error = await rejection(fetch(`${server.origin}/redirect?to=${encodeURIComponent(`${other.origin}/`)}`));
    expect(error).toBeInstanceOf(BlockedAddressError);
    expect((error as Error).message).toContain(`port ${other.port}`);
    expect(other.connections()).toBe(before);
  });

  it('follows allowed redirects with the Fetch rules: 303 becomes GET, credentials stay on the same origin only', async () => {
    const fetch = guarded({ allow: ['127.0.0.1'] });
    const sameOrigin = await fetch(`${server.origin}/redirect?status=303&to=/final`, { method: 'POST', body: 'x', headers: { authorization: 'Bearer secret' } });
    expect(await sameOrigin.json()).toEqual({ path: '/final', method: 'GET', authorization: 'Bearer secret' });
    const crossOrigin = await fetch(`${server.origin}/redirect?status=307&to=${encodeURIComponent(`${other.origin}/`)}`, { method: 'PUT', body: 'x', headers: { authorization: 'Bearer secret' } });
    expect(await crossOrigin.json()).toEqual({ other: true, method: 'PUT', authorization: null });
  });

  it('stops after 5 redirects', async () => {
    const fetch = guarded({ allow: ['127.0.0.1'] });
    const before = server.requests.length;
    await expect(fetch(`${server.origin}/loop`)).rejects.toThrow(/Too many redirects \(more than 5\)/);
    expect(server.requests.length - before).toBe(6);
  });

  it('returns the redirect itself when asked for redirect: manual', async () => {
    const response = await guarded({ allow: ['127.0.0.1'] })(`${server.origin}/redirect?to=/final`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/final');
  });

  it('checks again at connect time: a DNS answer that turns private (rebinding) is refused', async () => {
    const answers = [['93.184.216.34'], ['127.0.0.1']];
    const resolver = () => Promise.resolve(answers.shift() ?? ['127.0.0.1']);
    const before = server.connections();
    const error = await rejection(guarded({ resolver })(`http://rebind.test:${server.port}/`));
    expect(error).toBeInstanceOf(BlockedAddressError);
    expect((error as Error).message).toMatch(/rebind\.test \(127\.0\.0\.1\)/);
    expect(answers).toEqual([]);
    expect(server.connections()).toBe(before);
  });

  it('connects to the address it checked, keeping the host name for the request', async () => {
    const resolver = (host: string) => Promise.resolve(host === 'api.test' ? ['127.0.0.1'] : []);
    const response = await guarded({ resolver, allow: ['api.test'] })(`http://api.test:${server.port}/named`);
    expect(await response.json()).toMatchObject({ path: '/named' });
    expect(server.requests.at(-1)?.headers.host).toBe(`api.test:${server.port}`);
  });

  it('accepts a Request object, checked like a URL', async () => {
    const request = new Request(`${server.origin}/req`, { method: 'POST', body: 'x', headers: { authorization: 'Bearer r' } });
    expect(await (await guarded({ allow: ['127.0.0.1'] })(request)).json()).toEqual({ path: '/req', method: 'POST', authorization: 'Bearer r' });
    expect(await rejection(guarded()(new Request(`${server.origin}/req`)))).toBeInstanceOf(BlockedAddressError);
  });

  it('reports a name that does not resolve without connecting anywhere', async () => {
    const resolver = () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }));
    await expect(guarded({ resolver })('http://nowhere.test/')).rejects.toThrow('Could not resolve nowhere.test (ENOTFOUND)');
  });

  it('refuses a name that resolves to a public and a private address', async () => {
    const resolver = () => Promise.resolve(['93.184.216.34', '10.0.0.7']);
    const error = await rejection(guarded({ resolver })('http://mixed.test/'));
    expect((error as Error).message).toMatch(/mixed\.test \(10\.0\.0\.7\): private address/);
  });
});
