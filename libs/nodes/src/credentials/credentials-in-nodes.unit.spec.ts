import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { httpNode } from '../built-in/http.node.js';
import type { NodeDefinition } from '../node-definition.js';
import { NodeExecutionError } from '../node-execution-error.js';
import { failure } from '../test-support/expect-failure.js';
import { memoryLogger, runNode, testServices } from '../test-support/run-node.js';
import type { NodeCredentials } from './node-credential.js';

const CANARY = 'canary-3b1f0c9e-token';
const credentials: NodeCredentials = {
  api: { id: 'api', type: 'bearer', values: { token: CANARY } },
  db: { id: 'db', type: 'basic', values: { username: 'svc-user', password: 'p@ss/word+1' } },
  hdr: { id: 'hdr', type: 'header', values: { name: 'X-Api-Key', value: 'key-5d2c7a' } },
};

/** A node that leaks its credential every way it can. */
const leaky: NodeDefinition<{ fail: boolean }> = {
  type: 'leaky',
  title: 'Leaky',
  description: 'test node',
  category: 'data',
  configSchema: z.strictObject({ fail: z.boolean() }),
  credentials: () => ['api'],
  execute: ({ config, credentials: given, log }) => {
    const token = given.api!.values.token!;
    log.info(`using ${token}`, { token });
    if (config.fail) throw new NodeExecutionError('EXECUTION', `refused ${token}`, true, { field: token });
    return Promise.resolve({ kind: 'completed', output: { token, [token]: [`Bearer ${token}`] } });
  },
};

/** A fetch that answers with the request's headers, as an echo server would. */
const echoFetch = (seen: Headers[]) =>
  testServices({
    fetch: (_url, init) => {
      const headers = new Headers(init?.headers);
      seen.push(headers);
      return Promise.resolve(new Response(JSON.stringify(Object.fromEntries(headers)), { status: 200, headers: { 'content-type': 'application/json', 'x-echo': headers.get('authorization') ?? '' } }));
    },
  });

describe('credentials in nodes', () => {
  it('gives the node its decrypted credentials and redacts them from its output and logs', async () => {
    const log = memoryLogger();
    const result = await runNode(leaky, { fail: false }, { credentials, log });
    expect(JSON.stringify(result)).not.toContain(CANARY);
    expect(result).toEqual({ kind: 'completed', output: { token: '[REDACTED]', '[REDACTED]': ['Bearer [REDACTED]'] } });
    expect(log.entries).toEqual([{ level: 'info', message: 'using [REDACTED]' }]);
  });

  it('redacts them from error messages and fields, keeping the classification', async () => {
    const error = await failure(runNode(leaky, { fail: true }, { credentials }));
    expect(error).toMatchObject({ code: 'EXECUTION', retryable: true, message: 'refused [REDACTED]', field: '[REDACTED]' });
    expect(error.cause).toBeUndefined();
  });

  it.each([
    [{ type: 'bearer', credentialId: 'api' }, 'authorization', `Bearer ${CANARY}`],
    [{ type: 'basic', credentialId: 'db' }, 'authorization', `Basic ${Buffer.from('svc-user:p@ss/word+1').toString('base64')}`],
    [{ type: 'header', credentialId: 'hdr' }, 'x-api-key', 'key-5d2c7a'],
  ])('the http node sends %o auth, and an echo of it comes back redacted', async (auth, header, sent) => {
    expect(httpNode.credentials?.({ url: 'https://api.example.com', auth })).toEqual([auth.credentialId]);
    const seen: Headers[] = [];
    const result = await runNode(httpNode, { url: 'https://api.example.com/me', auth }, { credentials, services: echoFetch(seen) });
    expect(seen[0]!.get(header)).toBe(sent);
    const text = JSON.stringify(result);
    expect(text).not.toContain(sent);
    expect(text).toContain('[REDACTED]');
  });

  it('the http node fails CONFIG, naming the credential and the missing field, when a credential lacks what its auth needs', async () => {
    const error = await failure(runNode(httpNode, { url: 'https://api.example.com/me', auth: { type: 'basic', credentialId: 'api' } }, { credentials }));
    expect(error).toMatchObject({ code: 'CONFIG', retryable: false, message: 'credential "api" has no "username" value, which basic auth needs' });
    expect(httpNode.credentials?.({ url: 'https://api.example.com' })).toEqual([]);
  });
});

describe('the http node with a header credential', () => {
  it('does not follow redirects, which could carry the header to another origin', async () => {
    const modes: unknown[] = [];
    const services = testServices({
      fetch: (_url, init) => {
        modes.push(init?.redirect);
        return Promise.resolve(new Response(null, { status: 302, headers: { location: 'https://elsewhere.example.com/' } }));
      },
    });
    const error = await failure(runNode(httpNode, { url: 'https://api.example.com/me', auth: { type: 'header', credentialId: 'hdr' } }, { credentials, services }));
    expect(error.message).toMatch(/status 302/);
    await runNode(httpNode, { url: 'https://api.example.com/me', auth: { type: 'bearer', credentialId: 'api' }, failOnHttpError: false }, { credentials, services });
    expect(modes).toEqual(['manual', 'follow']);
  });
});
