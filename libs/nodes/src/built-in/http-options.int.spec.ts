import type { JsonObject } from '@weft/domain';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NodeCredentials } from '../credentials/node-credential.js';
import { createGuardedFetch, type GuardedFetch } from '../http/guarded-fetch.js';
import { failure } from '../test-support/expect-failure.js';
import { readRequestBody, startServer, type TestServer } from '../test-support/http-server.js';
import { FIXED_NOW, runNode, testServices, type RunNodeOptions } from '../test-support/run-node.js';
import { clearOAuth2TokenCache } from './http-oauth2.js';
import { httpNode } from './http.node.js';

const SECRET = 'client-s3cret-value';
let api: TestServer;
let auth: TestServer;
let other: TestServer;
let allowed: GuardedFetch;
let apiOnly: GuardedFetch;
let tokenAnswer: { status: number; body: unknown } = { status: 200, body: {} };
let issued = 0;

beforeAll(async () => {
  api = await startServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const json = (body: unknown, headers: Record<string, string> = {}) => response.writeHead(200, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    switch (url.pathname) {
      case '/echo':
        void readRequestBody(request).then((body) =>
          json({ contentType: request.headers['content-type'] ?? null, auth: request.headers.authorization ?? null, query: url.search, body }),
        );
        return;
      case '/items': {
        const page = Number(url.searchParams.get('page') ?? '1');
        const next = page < 3 ? `/items?page=${page + 1}` : null;
        json({ data: [`a${page}`, `b${page}`], next, auth: request.headers.authorization ?? null });
        return;
      }
      case '/linked': {
        const page = Number(url.searchParams.get('page') ?? '1');
        const link: Record<string, string> = page < 4 ? { link: `<${api.origin}/linked?page=${page + 1}>; rel="next", <${api.origin}/linked?page=1>; rel="first"` } : {};
        json({ page }, link);
        return;
      }
      case '/forever':
        json({ next: `/forever?n=${Number(url.searchParams.get('n') ?? '0') + 1}` });
        return;
      case '/to-other':
        json({ next: `${other.origin}/` });
        return;
      default:
        response.writeHead(404).end();
    }
  });
  auth = await startServer((request, response) => {
    void readRequestBody(request).then(() => {
      issued += 1;
      response.writeHead(tokenAnswer.status, { 'content-type': 'application/json' }).end(JSON.stringify(tokenAnswer.body));
    });
  });
  other = await startServer((request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ auth: request.headers.authorization ?? null, next: null })));
  allowed = createGuardedFetch({ allow: ['127.0.0.1'] });
  apiOnly = createGuardedFetch({ allow: [`127.0.0.1:${api.port}`] });
});

afterAll(async () => {
  await Promise.all([allowed.close(), apiOnly.close()]);
  await Promise.all([api.close(), auth.close(), other.close()]);
});

beforeEach(() => {
  clearOAuth2TokenCache();
  issued = 0;
  tokenAnswer = { status: 200, body: { access_token: 'tok-1-abcdef', token_type: 'Bearer', expires_in: 3600 } };
});

const run = (config: JsonObject, options: RunNodeOptions = {}) => runNode(httpNode, config, { services: testServices({ fetch: allowed }), ...options });

describe('http node: query and bodies', () => {
  it('merges a query object into the URL, repeating arrays', async () => {
    const result = await run({ url: `${api.origin}/echo?keep=1`, query: { id: [1, 'two', true], q: 'a b' } });
    expect(result.output).toMatchObject({ body: { query: '?keep=1&id=1&id=two&id=true&q=a+b' } });
  });

  it('sends a form body as application/x-www-form-urlencoded', async () => {
    const result = await run({ method: 'POST', url: `${api.origin}/echo`, bodyType: 'form', body: { name: 'a&b', tag: ['x', 'y'], n: 2, skip: null } });
    expect(result.output).toMatchObject({ body: { contentType: 'application/x-www-form-urlencoded', body: 'name=a%26b&tag=x&tag=y&n=2' } });
  });

  it('sends a raw body with its explicit content type, and a JSON string as JSON when asked', async () => {
    const raw = await run({ method: 'POST', url: `${api.origin}/echo`, bodyType: 'raw', body: '<a>1</a>', headers: { 'Content-Type': 'application/xml' } });
    expect(raw.output).toMatchObject({ body: { contentType: 'application/xml', body: '<a>1</a>' } });
    const json = await run({ method: 'POST', url: `${api.origin}/echo`, bodyType: 'json', body: { a: [1] } });
    expect(json.output).toMatchObject({ body: { contentType: 'application/json', body: '{"a":[1]}' } });
  });

  it.each([
    [{ bodyType: 'raw', body: '<a/>' }, 'headers: a raw body needs a Content-Type header'],
    [{ bodyType: 'raw', body: { a: 1 }, headers: { 'content-type': 'text/plain' } }, 'body: a raw body must be a string'],
    [{ bodyType: 'form', body: { a: { nested: 1 } } }, 'body: a form body must be an object of strings, numbers, booleans or arrays of them'],
    [{ bodyType: 'yaml', body: 'a' }, 'bodyType: Invalid option: expected one of "json"|"form"|"raw"'],
    [{ paginate: { next: 'body.next', maxPages: 101 } }, 'paginate.maxPages: Too big: expected number to be <=100'],
    [{ paginate: { next: { type: 'cursor' } } }, 'paginate.next: Invalid input'],
    [{ paginate: { next: 'body.(' } }, 'paginate.next: Expected ")" before end of expression (in "body.(" at position 6)'],
    [{ paginate: { next: 'body.next', itemsPath: 'body.data[' } }, 'paginate.itemsPath: Expected "]" before end of expression (in "body.data[" at position 10)'],
  ])('refuses the config %j', async (extra, message) => {
    const error = await failure(run({ method: 'POST', url: `${api.origin}/echo`, ...extra }));
    expect(error).toMatchObject({ code: 'CONFIG', retryable: false, message: `Invalid configuration: ${message}` });
  });
});

describe('http node: OAuth2 client credentials', () => {
  const credential = (values: Record<string, string> = {}): NodeCredentials => ({
    oa: { id: 'oa', type: 'oauth2', values: { tokenUrl: `${auth.origin}/token`, clientId: 'client-1', clientSecret: SECRET, scope: 'read write', ...values } },
  });
  const call = (values?: Record<string, string>, now = FIXED_NOW) =>
    run({ url: `${api.origin}/echo`, auth: { type: 'oauth2', credentialId: 'oa' } }, { credentials: credential(values), services: testServices({ fetch: allowed, now: () => now }) });

  it('fetches a token with the client credentials grant and sends it as Bearer', async () => {
    const result = await call();
    expect(result.output).toMatchObject({ status: 200, body: { auth: 'Bearer [REDACTED]' } });
    expect(api.requests.at(-1)?.headers.authorization).toBe('Bearer tok-1-abcdef');
    const tokenRequest = auth.requests.at(-1)!;
    expect(tokenRequest.method).toBe('POST');
    expect(tokenRequest.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(tokenRequest.headers.authorization).toBe(`Basic ${Buffer.from(`client-1:${SECRET}`).toString('base64')}`);
  });

  it('caches the token per credential until a minute before it expires', async () => {
    await call();
    await call(undefined, new Date(FIXED_NOW.getTime() + 3_500_000));
    expect(issued).toBe(1);
    await call(undefined, new Date(FIXED_NOW.getTime() + 3_541_000));
    expect(issued).toBe(2);
    await call({ clientSecret: 'rotated-secret' }, new Date(FIXED_NOW.getTime() + 3_541_000));
    expect(issued).toBe(3);
  });

  it('can send the client id and secret in the form', async () => {
    let form = '';
    const capture: typeof fetch = async (input, init) => {
      if (input instanceof URL && input.pathname === '/token' && typeof init?.body === 'string') form = init.body;
      return allowed(input, init);
    };
    await run({ url: `${api.origin}/echo`, auth: { type: 'oauth2', credentialId: 'oa' } }, { credentials: credential({ clientAuth: 'body' }), services: testServices({ fetch: capture }) });
    expect(new URLSearchParams(form).get('client_secret')).toBe(SECRET);
    expect(new URLSearchParams(form).get('scope')).toBe('read write');
    expect(auth.requests.at(-1)?.headers.authorization).toBeUndefined();
  });

  it.each([
    [401, { error: 'invalid_client', error_description: `bad secret ${SECRET}` }, 'CONFIG', false, /failed with status 401 \(invalid_client\)$/],
    [503, { error: 'temporarily_unavailable' }, 'EXECUTION', true, /failed with status 503 \(temporarily_unavailable\)$/],
    [200, { token_type: 'Bearer' }, 'EXECUTION', false, /answered without a usable access_token$/],
  ])('fails clearly when the token endpoint answers %i %j', async (status, body, code, retryable, message) => {
    tokenAnswer = { status, body };
    const before = api.requests.length;
    const error = await failure(call());
    expect(error).toMatchObject({ code, retryable });
    expect(error.message).toMatch(new RegExp(`^OAuth2 token request to 127\\.0\\.0\\.1:${auth.port} `));
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(SECRET);
    expect(api.requests.length).toBe(before);
  });

  it('fails with CONFIG when the credential lacks a field, and asks the guarded fetch for the token', async () => {
    const missing = await failure(run({ url: `${api.origin}/echo`, auth: { type: 'oauth2', credentialId: 'oa' } }, { credentials: { oa: { id: 'oa', type: 'oauth2', values: { tokenUrl: `${auth.origin}/t`, clientId: 'c' } } } }));
    expect(missing).toMatchObject({ code: 'CONFIG', message: 'credential "oa" has no "clientSecret" value, which oauth2 auth needs' });
    const before = auth.connections();
    const blocked = await failure(run({ url: `${api.origin}/echo`, auth: { type: 'oauth2', credentialId: 'oa' } }, { credentials: credential(), services: testServices({ fetch: apiOnly }) }));
    expect(blocked.message).toMatch(new RegExp(`^Blocked request to 127\\.0\\.0\\.1: loopback address \\(port ${auth.port}\\) is not allow-listed`));
    expect(auth.connections()).toBe(before);
  });
});

describe('http node: pagination', () => {
  it('follows a JSONata next over the response and collects itemsPath', async () => {
    const result = await run({ url: `${api.origin}/items`, paginate: { next: 'body.next', itemsPath: 'body.data' } });
    expect(result.output).toMatchObject({ status: 200, pages: 3, truncated: false, items: ['a1', 'b1', 'a2', 'b2', 'a3', 'b3'] });
  });

  it('follows the Link header, collecting whole bodies, up to maxPages', async () => {
    expect((await run({ url: `${api.origin}/linked`, paginate: { next: { type: 'link-header' } } })).output).toMatchObject({ pages: 4, truncated: false, items: [{ page: 1 }, { page: 2 }, { page: 3 }, { page: 4 }] });
    expect((await run({ url: `${api.origin}/linked`, paginate: { next: { type: 'link-header' }, maxPages: 2 } })).output).toMatchObject({ pages: 2, truncated: true, items: [{ page: 1 }, { page: 2 }] });
    expect((await run({ url: `${api.origin}/linked`, paginate: { next: { type: 'link-header' }, maxPages: 4 } })).output).toMatchObject({ pages: 4, truncated: false });
  });

  it('stops at 10 pages by default', async () => {
    const before = api.requests.length;
    expect((await run({ url: `${api.origin}/forever`, paginate: { next: 'body.next' } })).output).toMatchObject({ pages: 10 });
    expect(api.requests.length - before).toBe(10);
  });

  it('checks every page against the SSRF guard', async () => {
    const before = other.connections();
    const error = await failure(run({ url: `${api.origin}/to-other`, paginate: { next: 'body.next' } }, { services: testServices({ fetch: apiOnly }) }));
    expect(error).toMatchObject({ code: 'EXECUTION', retryable: false, message: `Blocked request to 127.0.0.1: loopback address (port ${other.port}) is not allow-listed` });
    expect(other.connections()).toBe(before);
  });

  it('keeps credentials on the first origin', async () => {
    const credentials: NodeCredentials = { b: { id: 'b', type: 'bearer', values: { token: 'bearer-token-1' } } };
    const result = await run({ url: `${api.origin}/to-other`, auth: { type: 'bearer', credentialId: 'b' }, paginate: { next: 'body.next' } }, { credentials });
    expect(result.output).toMatchObject({ pages: 2, items: [{ next: `${other.origin}/` }, { auth: null }] });
    expect(api.requests.at(-1)?.headers.authorization).toBe('Bearer bearer-token-1');
  });

  it('fails with EXPRESSION on a next expression that fails on the page and EXECUTION on a next that is not a URL', async () => {
    expect(await failure(run({ url: `${api.origin}/items`, paginate: { next: '$number("not a number")' } }))).toMatchObject({ code: 'EXPRESSION', field: 'paginate.next' });
    expect(await failure(run({ url: `${api.origin}/items`, paginate: { next: 'body.data' } }))).toMatchObject({ code: 'EXECUTION', message: 'paginate.next must give a URL (a string) or null on the last page' });
  });
});
