import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusTally, createTestEnv, SECURITY_CORPORA, type TestEnv } from '@weft/testing';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SSRF_CORPUS } from '../../../../libs/nodes/src/test-support/ssrf-corpus.js';
import { node } from './graphs.js';
import { publishWorkflow, startRun, startStack, waitForRun, type Stack } from './harness.js';

const RUN = /* GraphQL */ `
  query ($id: ID!) { run(id: $id) { status nodeRuns { nodeId status error } } }
`;
type RunView = { run: { status: string; nodeRuns: { nodeId: string; status: string; error: { code: string; message: string; retryable: boolean } | null }[] } };

/** The corpus of guarded-fetch.int.spec.ts, and more names for loopback and private ranges; PORT is the canary's. */
const CORPUS = ['http://127.0.0.1:PORT/', 'http://localhost:PORT/', ...SSRF_CORPUS, 'http://172.16.0.1/', 'http://100.64.0.1/'];

/** Counted as refused only as observed (the blocked-address error, no connection to the canary); recorded for docs/RELIABILITY.md. */
const tally = corpusTally(SECURITY_CORPORA.ssrf, 'one URL an http node is told to fetch (or a redirect it follows, a URL published, an allow-list entry set), refused only if the node failed with the blocked-address error or the API refused it; leaked: connections the local canary server received, requests an internal server received while closed');
afterAll(() => void tally.record());
const blocked = /^Blocked request to .+: (.+ address \(port \d+\) is not allow-listed|file: URLs are not allowed, only http and https)$/;

type TestServer = { port: number; origin: string; connections: () => number; close(): Promise<void> };

async function startServer(handler: http.RequestListener): Promise<TestServer> {
  let connections = 0;
  const server = http.createServer(handler).on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { port, origin: `http://127.0.0.1:${port}`, connections: () => connections, close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))) };
}

describe('SSRF corpus through the API: every private destination is refused unless allow-listed', () => {
  let env: TestEnv;
  let stack: Stack;
  /** Must never be reached: it stands for an internal service on the worker's host. */
  let canary: TestServer;
  /** Stands for a public server (the only allow-listed port) that redirects inside. */
  let redirector: TestServer;

  beforeAll(async () => {
    env = await createTestEnv();
    canary = await startServer((_request, response) => response.writeHead(200).end('internal secret'));
    redirector = await startServer((request, response) => {
      const to = new URL(request.url ?? '/', 'http://x').searchParams.get('to');
      if (to) response.writeHead(302, { location: to }).end();
      else response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    // The harness allow-lists 127.0.0.1 for other suites: here only the redirector's port is.
    stack = await startStack({ env: { DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, WEFT_REDIS_PREFIX: env.redisPrefix, WEFT_HTTP_ALLOW: `127.0.0.1:${redirector.port}` } });
  });
  afterAll(async () => {
    await stack?.close();
    await Promise.all([canary?.close(), redirector?.close()]);
    await env?.cleanup();
  });

  const runHttp = async (name: string, url: string) => {
    const graph = { nodes: [node('call', 'http', { url }, { retry: { maxAttempts: 1 } })], edges: [] };
    const runId = await startRun(stack, await publishWorkflow(stack, name, graph), {});
    await waitForRun(stack, runId);
    return (await stack.ok<RunView>(RUN, { id: runId })).run;
  };

  it('reaches the allow-listed server (the stack does make requests)', async () => {
    const run = await runHttp('allowed', `${redirector.origin}/`);
    expect(run).toMatchObject({ status: 'succeeded', nodeRuns: [{ status: 'completed' }] });
  });

  it('fails every corpus URL, and redirects into them, with the blocked-address error, never reaching the canary', async () => {
    const urls = [
      ...CORPUS.map((url) => url.replace('PORT', String(canary.port))),
      `${redirector.origin}/?to=${encodeURIComponent(`${canary.origin}/`)}`,
      `${redirector.origin}/?to=${encodeURIComponent('http://169.254.169.254/latest/meta-data/iam')}`,
      `${redirector.origin}/?to=${encodeURIComponent('file:///etc/passwd')}`,
    ];
    const runs = await Promise.all(urls.map((url, index) => runHttp(`ssrf ${index}`, url)));
    const direct = urls.length - 3;
    runs.forEach((run, index) => {
      const error = run.nodeRuns[0]?.error;
      const refused = run.status === 'failed' && error?.code === 'EXECUTION' && error.retryable === false && blocked.test(error.message) && !/meta-data|etc\/passwd/.test(error.message);
      tally.count(index < direct ? 'loopback in every spelling, unspecified, cloud metadata, private and shared ranges' : 'redirects into loopback, metadata and file:', refused);
    });
    tally.leaked('loopback in every spelling, unspecified, cloud metadata, private and shared ranges', canary.connections());
    runs.forEach((run, index) => {
      const error = run.nodeRuns[0]?.error;
      expect({ url: urls[index], status: run.status, code: error?.code, retryable: error?.retryable }).toEqual({ url: urls[index], status: 'failed', code: 'EXECUTION', retryable: false });
      expect(error?.message, urls[index]).toMatch(blocked);
      expect(error?.message).not.toMatch(/meta-data|etc\/passwd/);
    });
    expect(canary.connections()).toBe(0);
  });

  it('refuses to publish a file: URL in the config itself', async () => {
    const graph = { nodes: [node('call', 'http', { url: 'file:///etc/passwd' })], edges: [] };
    const created = await stack.gql('mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }', { input: { name: 'file', graph } });
    const id = (created.data as { createWorkflow: { id: string } }).createWorkflow.id;
    const published = await stack.gql('mutation ($id: ID!) { publishWorkflow(id: $id) { version } }', { id });
    tally.count('a file: URL published in a config', published.errors?.[0]?.message === 'invalid workflow graph: node "call", field "config.url": must be an http or https URL');
    expect(published.errors?.[0]?.message).toBe('invalid workflow graph: node "call", field "config.url": must be an http or https URL');
  });
});
