import type { JsonObject } from '@weft/domain';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGuardedFetch, type GuardedFetch } from '../http/guarded-fetch.js';
import type { NodeLogger } from '../node-definition.js';
import { failure } from '../test-support/expect-failure.js';
import { startOpenAiCompatibleStandIn, type ChatRequest, type OpenAiCompatibleStandIn, type StandInAnswer } from '../test-support/openai-compatible-server.js';
import { runNode, testServices, type RunNodeOptions } from '../test-support/run-node.js';
import { llmNode } from './llm.node.js';

let standIn: OpenAiCompatibleStandIn;
let allowed: GuardedFetch;
let unguarded: GuardedFetch;
let answer: (request: ChatRequest) => StandInAnswer;

beforeAll(async () => {
  standIn = await startOpenAiCompatibleStandIn((request) => answer(request));
  allowed = createGuardedFetch({ allow: ['127.0.0.1'] });
  unguarded = createGuardedFetch();
});

afterAll(async () => {
  await Promise.all([standIn.close(), allowed.close(), unguarded.close()]);
});

beforeEach(() => {
  answer = () => ({ text: 'Hello from the stand-in.' });
  standIn.chatRequests.length = 0;
});

type Entry = { at: number; message: string; data?: JsonObject };
function recordingLogger(): NodeLogger & { entries: Entry[] } {
  const entries: Entry[] = [];
  const push = (message: string, data?: JsonObject) => void entries.push({ at: performance.now(), message, ...(data ? { data } : {}) });
  return { entries, info: push, warn: push, error: push };
}

const config = (overrides: JsonObject = {}): JsonObject => ({ provider: 'openai-compatible', baseUrl: standIn.baseUrl, model: 'stand-in-1', prompt: 'Say hello', ...overrides });
const run = (rawConfig: JsonObject, options: RunNodeOptions = {}) => runNode(llmNode, rawConfig, { services: testServices({ fetch: allowed }), ...options });

describe('llm node against an OpenAI-compatible server', () => {
  it('streams a completion and records text, usage, cost, latency and finish reason', async () => {
    const result = await run(config({ system: 'Be brief.', temperature: 0.2, maxTokens: 50, pricePerMillion: { input: 1, output: 2 } }));
    expect(result).toMatchObject({
      kind: 'completed',
      output: { text: 'Hello from the stand-in.', usage: { inputTokens: 4, outputTokens: 6 }, costUsd: 0.000016, model: 'stand-in-1', finishReason: 'stop' },
    });
    const output = result.output as { latencyMs: number; firstTokenMs: number };
    expect(output.latencyMs).toBeGreaterThanOrEqual(0);
    expect(output.firstTokenMs).toBeLessThanOrEqual(output.latencyMs);
    const [request] = standIn.chatRequests;
    expect(request?.body).toMatchObject({
      model: 'stand-in-1',
      stream: true,
      temperature: 0.2,
      max_tokens: 50,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Say hello' },
      ],
    });
  });

  it('builds the prompt from expressions over the input', async () => {
    answer = (request) => ({ text: `got ${request.body.messages.at(-1)?.content}` });
    const result = await run(config({ prompt: 'Summarise: {{ $input.draft }}' }), { input: { draft: 'a long draft' } });
    expect(result).toMatchObject({ output: { text: 'got Summarise: a long draft' } });
  });

  it('gives a null cost for a model without a known price', async () => {
    const result = await run(config());
    expect(result).toMatchObject({ output: { costUsd: null } });
  });

  it('logs the tokens in batches while the answer streams', async () => {
    const text = 'The quick brown fox jumps over the lazy dog, again and again, until the end.';
    answer = () => ({ text, chunkSize: 3, chunkDelayMs: 25 });
    const log = recordingLogger();
    const result = await run(config(), { log });
    const finishedAt = performance.now();
    const batches = log.entries.filter((entry) => entry.message === 'tokens');
    expect(batches.length).toBeGreaterThan(2);
    expect(batches.length).toBeLessThan(26);
    expect(batches.map((entry) => entry.data?.text as string).join('')).toBe(text);
    expect(finishedAt - batches[0]!.at).toBeGreaterThan(300);
    expect(result).toMatchObject({ output: { text } });
    expect(log.entries.at(-1)).toMatchObject({ message: 'llm finished', data: { model: 'stand-in-1', outputTokens: 26 } });
  });

  it('returns the object of a structured answer that matches the schema, asking for JSON', async () => {
    answer = () => ({ text: '{"title":"Weft","tags":["workflow"]}' });
    const responseSchema = { type: 'object', properties: { title: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } }, required: ['title', 'tags'] };
    const result = await run(config({ responseSchema }));
    expect(result).toMatchObject({ output: { object: { title: 'Weft', tags: ['workflow'] } } });
    expect(standIn.chatRequests[0]?.body.response_format).toMatchObject({ type: 'json_schema' });
  });

  it('fails, not retryable, when the structured answer does not match the schema', async () => {
    answer = () => ({ text: '{"title":42}' });
    const responseSchema = { type: 'object', properties: { title: { type: 'string' }, tags: { type: 'array' } }, required: ['title', 'tags'] };
    const error = await failure(run(config({ responseSchema })));
    expect(error).toMatchObject({ code: 'EXECUTION', retryable: false, field: 'responseSchema' });
    expect(error.message).toMatch(/^The model's answer does not match responseSchema: title: .*; tags: /);
  });

  it('fails, not retryable, when the structured answer is not JSON', async () => {
    answer = () => ({ text: 'Sure! Here it is.' });
    const error = await failure(run(config({ responseSchema: { type: 'object' } })));
    expect(error).toMatchObject({ code: 'EXECUTION', retryable: false, message: 'The model did not answer with JSON, which responseSchema requires' });
  });

  it('fails retryable on a 500 or a 429, once (the retry policy decides on more)', async () => {
    answer = () => ({ status: 500, message: 'overloaded' });
    const error = await failure(run(config()));
    expect(error).toMatchObject({ code: 'EXECUTION', retryable: true });
    expect(error.message).toBe(`LLM request to 127.0.0.1:${standIn.port} failed with status 500: overloaded`);
    expect(standIn.chatRequests).toHaveLength(1);
    answer = () => ({ status: 429, message: 'slow down' });
    expect(await failure(run(config()))).toMatchObject({ code: 'EXECUTION', retryable: true });
  });

  it('fails, not retryable, on an authentication error', async () => {
    answer = () => ({ status: 401, message: 'invalid api key' });
    const error = await failure(run(config()));
    expect(error).toMatchObject({ code: 'EXECUTION', retryable: false, message: `LLM request to 127.0.0.1:${standIn.port} failed with status 401: invalid api key` });
  });

  it('fails retryable when the server cannot be reached', async () => {
    const error = await failure(run(config({ baseUrl: 'http://127.0.0.1:1/v1' })));
    expect(error).toMatchObject({ code: 'EXECUTION', retryable: true });
    expect(error.message).toMatch(/^LLM request to 127\.0\.0\.1:1 failed: /);
  });

  it('is refused by the SSRF guard when the address is not allow-listed', async () => {
    const error = await failure(run(config(), { services: testServices({ fetch: unguarded }) }));
    expect(error).toMatchObject({ code: 'EXECUTION', retryable: false });
    expect(error.message).toMatch(/^Blocked request to 127\.0\.0\.1/);
    expect(standIn.chatRequests).toHaveLength(0);
  });

  it('stops the request when the run is aborted', async () => {
    answer = () => ({ hang: true });
    const controller = new AbortController();
    const before = standIn.abandoned();
    const pending = run(config(), { signal: controller.signal });
    await vi_waitFor(() => standIn.chatRequests.length === 1);
    controller.abort();
    expect(await failure(pending)).toMatchObject({ code: 'ABORTED', retryable: false });
    await vi_waitFor(() => standIn.abandoned() === before + 1);
  });

  it('times out, retryable, after timeoutMs', async () => {
    answer = () => ({ hang: true });
    const error = await failure(run(config({ timeoutMs: 200 })));
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true, message: `LLM request to 127.0.0.1:${standIn.port} timed out after 200 ms` });
  });

  it('sends the API key of a credential as a Bearer token and redacts it from the output', async () => {
    answer = (request) => ({ text: `you sent ${request.headers.authorization}` });
    const credentials = { 'cred-1': { id: 'cred-1', type: 'generic' as const, values: { apiKey: 'sk-secret-123' } } };
    const result = await run(config({ credentialId: 'cred-1' }), { credentials });
    expect(standIn.chatRequests[0]?.headers.authorization).toBe('Bearer sk-secret-123');
    expect(result).toMatchObject({ output: { text: 'you sent Bearer [REDACTED]' } });
    expect(llmNode.credentials?.({ credentialId: 'cred-1' })).toEqual(['cred-1']);
  });

  it('refuses a credential without an API key', async () => {
    const credentials = { 'cred-1': { id: 'cred-1', type: 'basic' as const, values: { username: 'u', password: 'p' } } };
    const error = await failure(run(config({ credentialId: 'cred-1' }), { credentials }));
    expect(error).toMatchObject({ code: 'CONFIG', retryable: false, field: 'credentialId' });
    expect(standIn.chatRequests).toHaveLength(0);
  });

  it('requires baseUrl for the openai-compatible provider', async () => {
    const error = await failure(run({ provider: 'openai-compatible', model: 'm', prompt: 'p' }));
    expect(error).toMatchObject({ code: 'CONFIG', retryable: false });
    expect(error.message).toContain('baseUrl');
  });
});

async function vi_waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
