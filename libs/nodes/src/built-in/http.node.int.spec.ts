import type { JsonObject } from '@weft/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuardedFetch, type GuardedFetch } from '../http/guarded-fetch.js';
import { readRequestBody, startServer, type TestServer } from '../test-support/http-server.js';
import { runNode, testServices, type RunNodeOptions } from '../test-support/run-node.js';
import { createHttpNode, httpNode } from './http.node.js';
import { failure } from '../test-support/expect-failure.js';

let server: TestServer;
let allowed: GuardedFetch;
let unguarded: GuardedFetch;
const slowRequestsClosed: boolean[] = [];

beforeAll(async () => {
  server = await startServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    switch (url.pathname) {
      case '/json':
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-custom': 'yes' }).end(JSON.stringify({ hello: 'world', n: [1, 2] }));
        return;
      case '/text':
        response.writeHead(200, { 'content-type': 'text/plain' }).end('plain text');
        return;
      case '/invalid-json':
        response.writeHead(200, { 'content-type': 'application/json' }).end('{not json');
        return;
      case '/empty':
        response.writeHead(204).end();
        return;
      case '/cookies':
        response.writeHead(200, [['set-cookie', 'a=1'], ['set-cookie', 'b=2']]).end('ok');
        return;
      case '/echo':
        void readRequestBody(request).then((body) => {
          response.writeHead(200, { 'content-type': 'application/json' }).end(
            JSON.stringify({ method: request.method, contentType: request.headers['content-type'] ?? null, auth: request.headers.authorization ?? null, query: Object.fromEntries(url.searchParams), body }),
          );
        });
        return;
      case '/status':
        response.writeHead(Number(url.searchParams.get('code')), { 'content-type': 'text/plain' }).end('error details from the server');
        return;
      case '/slow':
        request.on('close', () => slowRequestsClosed.push(!response.writableEnded));
        return;
      case '/big': {
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        const chunk = Buffer.alloc(64 * 1024, 97);
        let sent = 0;
        const total = Number(url.searchParams.get('bytes'));
        const pump = (): void => {
          while (sent < total) {
            sent += chunk.length;
            if (!response.write(chunk)) return void response.once('drain', pump);
          }
          response.end();
        };
        response.on('close', () => (sent = total));
        pump();
        return;
      }
      case '/declared':
        response.writeHead(200, { 'content-length': String(50 * 1024 * 1024) }).write('partial');
        return;
      default:
        response.writeHead(404).end();
    }
  });
  allowed = createGuardedFetch({ allow: ['127.0.0.1'] });
  unguarded = createGuardedFetch();
});

afterAll(async () => {
  await Promise.all([allowed.close(), unguarded.close()]);
  await server.close();
});

const run = (config: JsonObject, options: RunNodeOptions = {}, node = httpNode) => runNode(node, config, { services: testServices({ fetch: allowed }), ...options });

describe('http node', () => {
  it('GETs JSON: status, lower-case headers and the parsed body', async () => {
    const result = await run({ url: `${server.origin}/json` });
    expect(result).toMatchObject({ kind: 'completed', output: { status: 200, body: { hello: 'world', n: [1, 2] } } });
    expect(result.output).toHaveProperty(['headers', 'x-custom'], 'yes');
    expect(result.output).toHaveProperty(['headers', 'content-type'], 'application/json; charset=utf-8');
  });

  it('sends an idempotency key stable per node attempt, unless the config sets one', async () => {
    await run({ url: `${server.origin}/json` });
    expect(server.requests.at(-1)?.headers['idempotency-key']).toMatch(/^[^:]+:[^:]+:\d+$/);
    const first = server.requests.at(-1)?.headers['idempotency-key'];
    await run({ url: `${server.origin}/json` });
    expect(server.requests.at(-1)?.headers['idempotency-key']).toBe(first);
    await run({ url: `${server.origin}/json`, headers: { 'Idempotency-Key': 'mine' } });
    expect(server.requests.at(-1)?.headers['idempotency-key']).toBe('mine');
  });

  it('returns text bodies as text and empty bodies as null', async () => {
    expect((await run({ url: `${server.origin}/text` })).output).toMatchObject({ status: 200, body: 'plain text' });
    expect((await run({ url: `${server.origin}/empty` })).output).toMatchObject({ status: 204, body: null });
    expect((await run({ url: `${server.origin}/cookies` })).output).toMatchObject({ headers: { 'set-cookie': 'a=1, b=2' } });
  });

  it('follows responseType', async () => {
    expect((await run({ url: `${server.origin}/json`, responseType: 'text' })).output).toMatchObject({ body: '{"hello":"world","n":[1,2]}' });
    expect((await run({ url: `${server.origin}/invalid-json` })).output).toMatchObject({ body: '{not json' });
    const error = await failure(run({ url: `${server.origin}/text`, responseType: 'json' }));
    expect(error).toMatchObject({ code: 'EXECUTION', retryable: false, message: `The response from 127.0.0.1:${server.port} is not valid JSON` });
  });

  it('sends a JSON body with its content type, templates resolved in url, query, headers and body', async () => {
    const result = await run(
      {
        method: 'POST',
        url: `${server.origin}/echo?fixed=1`,
        query: { id: '{{ id }}', page: 2, all: true },
        headers: { Authorization: 'Bearer {{ $trigger.token }}' },
        body: { id: '{{ id }}', items: '{{ items }}' },
      },
      { input: { id: 'x-1', items: [1, 2] }, scope: { trigger: { token: 't0k' }, nodes: {} } },
    );
    expect(result.output).toMatchObject({
      status: 200,
      body: { method: 'POST', contentType: 'application/json', auth: 'Bearer t0k', query: { fixed: '1', id: 'x-1', page: '2', all: 'true' }, body: '{"id":"x-1","items":[1,2]}' },
    });
  });

  it('sends a string body as text unless a content type is given', async () => {
    expect((await run({ method: 'PUT', url: `${server.origin}/echo`, body: 'hello' })).output).toMatchObject({ body: { method: 'PUT', contentType: 'text/plain; charset=utf-8', body: 'hello' } });
    const custom = await run({ method: 'POST', url: `${server.origin}/echo`, body: '<a/>', headers: { 'Content-Type': 'application/xml' } });
    expect(custom.output).toMatchObject({ body: { contentType: 'application/xml', body: '<a/>' } });
  });

  it('fails on a 5xx (retryable), naming the status but not the path, query or headers', async () => {
    const error = await failure(run({ url: `${server.origin}/status?code=500&token=abc123`, headers: { Authorization: 'Bearer s3cret' } }));
    expect(error).toMatchObject({ code: 'EXECUTION', retryable: true, message: `HTTP GET to 127.0.0.1:${server.port} failed with status 500 Internal Server Error` });
    expect(error.message).not.toMatch(/s3cret|abc123|status\?|error details/);
  });

  it('fails on a 4xx without retry, or returns it when failOnHttpError is false', async () => {
    expect(await failure(run({ url: `${server.origin}/status?code=404` }))).toMatchObject({ retryable: false, message: expect.stringMatching(/status 404 Not Found$/) as unknown });
    expect(await failure(run({ url: `${server.origin}/status?code=429` }))).toMatchObject({ retryable: true });
    const result = await run({ url: `${server.origin}/status?code=404`, failOnHttpError: false });
    expect(result.output).toMatchObject({ status: 404, body: 'error details from the server' });
  });

  it('times out (retryable) and aborts the request', async () => {
    const started = Date.now();
    const error = await failure(run({ url: `${server.origin}/slow`, timeoutMs: 200 }));
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true, message: `HTTP GET to 127.0.0.1:${server.port} timed out after 200 ms` });
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect.poll(() => slowRequestsClosed.at(-1)).toBe(true);
  });

  it('fails with ABORTED when the run is cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect(await failure(run({ url: `${server.origin}/slow` }, { signal: controller.signal }))).toMatchObject({ code: 'ABORTED', retryable: false });
  });

  it('stops reading an oversized response', async () => {
    const small = createHttpNode({ maxResponseBytes: 100_000 });
    const error = await failure(run({ url: `${server.origin}/big?bytes=${10 * 1024 * 1024}` }, {}, small));
    expect(error).toMatchObject({ code: 'EXECUTION', retryable: false, message: `The response from 127.0.0.1:${server.port} is larger than 100000 bytes` });
    expect((await failure(run({ url: `${server.origin}/big?bytes=${6 * 1024 * 1024}` }))).message).toMatch(/larger than 5242880 bytes/);
    expect((await failure(run({ url: `${server.origin}/declared` }))).message).toMatch(/larger than 5242880 bytes/);
    expect((await run({ url: `${server.origin}/big?bytes=${64 * 1024}` }, {}, small)).output).toMatchObject({ status: 200 });
  });

  it('is refused by the SSRF guard when the address is not allow-listed', async () => {
    const error = await failure(run({ url: `${server.origin}/json` }, { services: testServices({ fetch: unguarded }) }));
    expect(error).toMatchObject({ code: 'EXECUTION', retryable: false, message: `Blocked request to 127.0.0.1: loopback address (port ${server.port}) is not allow-listed` });
  });

  it('reports a network failure by its code (retryable)', async () => {
    const closed = await startServer(() => undefined);
    await closed.close();
    const error = await failure(run({ url: `${closed.origin}/` }));
    expect(error).toMatchObject({ code: 'EXECUTION', retryable: true, message: `HTTP GET to 127.0.0.1:${closed.port} failed: ECONNREFUSED` });
  });

  it.each([
    [{}, 'url: is required'],
    [{ url: 'ftp://example.com/file' }, 'url: must be an http or https URL'],
    [{ url: 'not a url' }, 'url: must be an http or https URL'],
    [{ url: 'https://x.test', method: 'FETCH' }, 'method: Invalid option: expected one of "GET"|"POST"|"PUT"|"PATCH"|"DELETE"|"HEAD"|"OPTIONS"'],
    [{ url: 'https://x.test', body: { a: 1 } }, 'body: GET and HEAD requests cannot have a body'],
    [{ url: 'https://x.test', timeoutMs: 300_001 }, 'timeoutMs: Too big: expected number to be <=300000'],
    [{ url: 'https://x.test', timeoutMs: 1.5 }, 'timeoutMs: must be integer, got number'],
    [{ url: 'https://x.test', headers: { 'X-Token': 'secret\r\nInjected: 1' } }, 'headers.X-Token: header values may not contain line breaks'],
    [{ url: 'https://x.test', headers: { 'Bad Name': 'v' } }, 'headers.Bad Name: invalid header name'],
    [{ url: 'https://x.test', query: { q: { nested: true } } }, 'query.q: Invalid input'],
    [{ url: 'https://x.test', responseType: 'xml' }, 'responseType: Invalid option: expected one of "auto"|"json"|"text"'],
    [{ url: 'https://x.test', failOnHttpError: 'no' }, 'failOnHttpError: must be boolean, got string'],
  ])('refuses the config %j', async (config, message) => {
    const error = await failure(run(config));
    expect(error).toMatchObject({ code: 'CONFIG', retryable: false, message: `Invalid configuration: ${message}` });
    expect(error.message).not.toContain('secret');
  });
});
