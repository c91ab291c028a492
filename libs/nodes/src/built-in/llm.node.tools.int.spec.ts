import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonObject } from '@weft/domain';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGuardedFetch, type GuardedFetch } from '../http/guarded-fetch.js';
import { MAX_TOOL_RESULT_BYTES } from '../llm/llm-tools.js';
import type { NodeLogger } from '../node-definition.js';
import { validateUnresolvedConfig } from '../registry.js';
import { failure } from '../test-support/expect-failure.js';
import { readRequestBody, startServer, type TestServer } from '../test-support/http-server.js';
import { startOpenAiCompatibleStandIn, toolResults, type ChatRequest, type OpenAiCompatibleStandIn, type StandInAnswer } from '../test-support/openai-compatible-server.js';
import { runNode, testServices, type RunNodeOptions } from '../test-support/run-node.js';
import { llmNode } from './llm.node.js';

type Seen = { method: string; url: string; headers: IncomingMessage['headers']; body: string };

let standIn: OpenAiCompatibleStandIn;
let endpoint: TestServer;
let allowed: GuardedFetch;
let answer: (request: ChatRequest) => StandInAnswer;
let respond: (seen: Seen, response: ServerResponse) => void;
const seen: Seen[] = [];
/** Tool requests whose connection closed before they were answered. */
let abandonedCalls = 0;

beforeAll(async () => {
  standIn = await startOpenAiCompatibleStandIn((request) => answer(request));
  endpoint = await startServer((request, response) => {
    response.on('close', () => {
      if (!response.writableEnded) abandonedCalls += 1;
    });
    void readRequestBody(request).then((body) => {
      const call = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body };
      seen.push(call);
      respond(call, response);
    });
  });
  allowed = createGuardedFetch({ allow: ['127.0.0.1'] });
});

afterAll(async () => {
  await Promise.all([standIn.close(), endpoint.close(), allowed.close()]);
});

beforeEach(() => {
  standIn.chatRequests.length = 0;
  seen.length = 0;
  respond = (_call, response) => void response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"shipped","eta":"tomorrow"}');
});

/** Calls `name` with `args` first, then answers with text built from the tool's answer. */
const callThenAnswer = (name: string, args: Record<string, unknown>) => (request: ChatRequest): StandInAnswer => {
  const results = toolResults(request.body);
  return results.length === 0 ? { toolCalls: [{ name, arguments: args }] } : { text: `Answer: ${results.map((result) => result.content).join(' | ')}`, chunkSize: 5 };
};

type Entry = { message: string; data?: JsonObject };
function recordingLogger(): NodeLogger & { entries: Entry[] } {
  const entries: Entry[] = [];
  const push = (message: string, data?: JsonObject) => void entries.push({ message, ...(data ? { data } : {}) });
  return { entries, info: push, warn: push, error: push };
}

const orderTool = (overrides: JsonObject = {}): JsonObject => ({
  name: 'lookup_order',
  description: 'Finds an order by its id.',
  url: `${endpoint.origin}/orders/lookup`,
  parameters: { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'] },
  ...overrides,
});
const without = (object: JsonObject, key: string): JsonObject => Object.fromEntries(Object.entries(object).filter(([name]) => name !== key));
const config = (overrides: JsonObject = {}): JsonObject => ({ provider: 'openai-compatible', baseUrl: standIn.baseUrl, model: 'stand-in-1', prompt: 'Where is order A-7?', tools: [orderTool()], ...overrides });
const run = (rawConfig: JsonObject, options: RunNodeOptions = {}) => runNode(llmNode, rawConfig, { services: testServices({ fetch: allowed }), ...options });

type Output = { text: string; usage: { inputTokens: number; outputTokens: number }; steps: number; finishReason: string; toolCalls: { name: string; input: unknown; status?: number; error?: string; latencyMs: number }[] };

describe('llm node with HTTP tools', () => {
  it('lets the model POST to a tool, then answers with what it returned; usage sums over the steps', async () => {
    answer = callThenAnswer('lookup_order', { orderId: 'A-7' });
    const log = recordingLogger();
    const result = await run(config({ system: 'Use the tools.', pricePerMillion: { input: 1, output: 1 } }), { log });

    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/orders/lookup', body: '{"orderId":"A-7"}', headers: { 'content-type': 'application/json' } });
    const [first, second] = standIn.chatRequests;
    expect(standIn.chatRequests).toHaveLength(2);
    expect(first?.body.tools).toEqual([
      { type: 'function', function: { name: 'lookup_order', description: 'Finds an order by its id.', parameters: { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'] } } },
    ]);
    expect(second?.body.messages).toMatchObject([
      { role: 'system', content: 'Use the tools.' },
      { role: 'user', content: 'Where is order A-7?' },
      { role: 'assistant', tool_calls: [{ type: 'function', function: { name: 'lookup_order', arguments: '{"orderId":"A-7"}' } }] },
      { role: 'tool', content: '{"status":"shipped","eta":"tomorrow"}' },
    ]);
    expect(toolResults(second!.body)).toEqual([{ name: 'lookup_order', toolCallId: 'call_1_0', content: '{"status":"shipped","eta":"tomorrow"}' }]);

    const output = result.output as Output;
    const text = 'Answer: {"status":"shipped","eta":"tomorrow"}';
    expect(output).toMatchObject({ text, steps: 2, finishReason: 'stop', toolCalls: [{ name: 'lookup_order', input: { orderId: 'A-7' }, status: 200 }] });
    expect(output.toolCalls[0]?.error).toBeUndefined();
    expect(output.toolCalls[0]?.latencyMs).toBeGreaterThanOrEqual(0);
    // The stand-in counts words in (system and user: 7; then again with the tool's answer: 8) and deltas out (the call's arguments, then the answer).
    expect(output.usage).toEqual({ inputTokens: 7 + 8, outputTokens: Math.ceil('{"orderId":"A-7"}'.length / 4) + Math.ceil(text.length / 5) });

    expect(log.entries.find((entry) => entry.message === 'tool call')).toMatchObject({ data: { name: 'lookup_order', method: 'POST', host: `127.0.0.1:${endpoint.port}`, status: 200 } });
    expect(
      log.entries
        .filter((entry) => entry.message === 'tokens')
        .map((entry) => entry.data?.text as string)
        .join(''),
    ).toBe(text);
    expect(log.entries.at(-1)).toMatchObject({ message: 'llm finished', data: { steps: 2, toolCalls: 1 } });
  });

  it("sends a tool's credential to its endpoint only, never to the model, and names the credentials the node needs", async () => {
    answer = callThenAnswer('lookup_order', { orderId: 'A-7' });
    const token = 'tool-token-5f1c';
    const rawConfig = config({ tools: [orderTool({ auth: { type: 'bearer', credentialId: 'orders-api' } })], credentialId: 'model-key' });
    expect(llmNode.credentials?.(rawConfig)).toEqual(['model-key', 'orders-api']);
    const credentials = { 'model-key': { id: 'model-key', type: 'bearer' as const, values: { token: 'model-token-9a2b' } }, 'orders-api': { id: 'orders-api', type: 'bearer' as const, values: { token } } };
    await run(rawConfig, { credentials });
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${token}`);
    expect(JSON.stringify(standIn.chatRequests.map((request) => request.body))).not.toContain(token);
    expect(standIn.chatRequests.map((request) => request.headers.authorization)).toEqual(['Bearer model-token-9a2b', 'Bearer model-token-9a2b']);
  });

  it('fails CONFIG, naming the tool, when its credential lacks what its auth needs; the endpoint is never called', async () => {
    answer = callThenAnswer('lookup_order', { orderId: 'A-7' });
    const error = await failure(run(config({ tools: [orderTool({ auth: { type: 'header', credentialId: 'h' } })] }), { credentials: { h: { id: 'h', type: 'generic', values: { name: 'x-api-key' } } } }));
    expect(error).toMatchObject({ code: 'CONFIG', retryable: false, field: 'tools.0.auth.credentialId', message: 'credential "h" has no "value" value, which header auth needs' });
    expect(seen).toHaveLength(0);
    expect(standIn.chatRequests).toHaveLength(1);
  });

  it('sends a GET tool its arguments as query parameters and gives the model a text answer as is', async () => {
    respond = (_call, response) => void response.writeHead(200, { 'content-type': 'text/plain' }).end('Sunny, 21 °C');
    answer = callThenAnswer('weather', { city: 'Paris', days: 3, units: ['c', 'k'], detail: { wind: true }, skip: null });
    const tool = { name: 'weather', description: 'The weather forecast.', url: `${endpoint.origin}/weather?lang=en`, method: 'GET', headers: { 'x-client': 'weft' } };
    const result = await run(config({ tools: [tool] }));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'GET', body: '', headers: { 'x-client': 'weft' } });
    const url = new URL(seen[0]!.url, 'http://x');
    expect(url.pathname).toBe('/weather');
    expect([...url.searchParams]).toEqual([
      ['lang', 'en'],
      ['city', 'Paris'],
      ['days', '3'],
      ['units', 'c'],
      ['units', 'k'],
      ['detail', '{"wind":true}'],
    ]);
    expect(standIn.chatRequests[0]?.body.tools?.[0]?.function.parameters).toMatchObject({ type: 'object', properties: {} });
    expect(toolResults(standIn.chatRequests[1]!.body)).toMatchObject([{ name: 'weather', content: 'Sunny, 21 °C' }]);
    expect(result).toMatchObject({ output: { text: 'Answer: Sunny, 21 °C', toolCalls: [{ name: 'weather', input: { city: 'Paris', days: 3 }, status: 200 }] } });
  });

  it('gives the model an error result when a tool endpoint fails, and still completes', async () => {
    respond = (_call, response) => void response.writeHead(500, { 'content-type': 'text/plain' }).end('database on fire');
    answer = callThenAnswer('lookup_order', { orderId: 'A-7' });
    const result = await run(config());
    expect(toolResults(standIn.chatRequests[1]!.body)).toMatchObject([{ content: '{"error":"HTTP 500: database on fire"}' }]);
    expect(result).toMatchObject({
      kind: 'completed',
      output: { text: 'Answer: {"error":"HTTP 500: database on fire"}', finishReason: 'stop', toolCalls: [{ name: 'lookup_order', status: 500, error: 'HTTP 500: database on fire' }] },
    });
  });

  it('gives the model an error result when a tool endpoint cannot be reached', async () => {
    const closed = await startServer(() => undefined);
    await closed.close();
    answer = callThenAnswer('lookup_order', { orderId: 'A-7' });
    const result = await run(config({ tools: [orderTool({ url: `${closed.origin}/orders` })] }));
    expect(toolResults(standIn.chatRequests[1]!.body)).toMatchObject([{ content: '{"error":"request failed: ECONNREFUSED"}' }]);
    expect(result).toMatchObject({ kind: 'completed', output: { toolCalls: [{ name: 'lookup_order', error: 'request failed: ECONNREFUSED' }] } });
  });

  it('cuts a long tool answer before it goes back to the model', async () => {
    respond = (_call, response) => void response.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(MAX_TOOL_RESULT_BYTES * 3));
    answer = (request) => (toolResults(request.body).length === 0 ? { toolCalls: [{ name: 'lookup_order', arguments: { orderId: 'A-7' } }] } : { text: 'done' });
    await run(config());
    const content = toolResults(standIn.chatRequests[1]!.body)[0]?.content ?? '';
    expect(content).toBe(`${'x'.repeat(MAX_TOOL_RESULT_BYTES)}… [cut at ${MAX_TOOL_RESULT_BYTES} bytes]`);
  });

  it('fails blocked, without reaching it, when a tool points at the metadata address', async () => {
    answer = callThenAnswer('lookup_order', { orderId: 'A-7' });
    const error = await failure(run(config({ tools: [orderTool({ url: 'http://169.254.169.254/latest/meta-data/' })] })));
    expect(error).toMatchObject({ code: 'EXECUTION', retryable: false });
    expect(error.message).toMatch(/^Blocked request to 169\.254\.169\.254/);
    expect(standIn.chatRequests).toHaveLength(1);
  });

  it('fails blocked when a tool is on loopback and only the model server is allow-listed', async () => {
    const onlyModel = createGuardedFetch({ allow: [`127.0.0.1:${standIn.port}`] });
    try {
      answer = callThenAnswer('lookup_order', { orderId: 'A-7' });
      const before = endpoint.connections();
      const log = recordingLogger();
      const error = await failure(run(config(), { services: testServices({ fetch: onlyModel }), log }));
      expect(error).toMatchObject({ code: 'EXECUTION', retryable: false });
      expect(error.message).toMatch(/^Blocked request to 127\.0\.0\.1/);
      expect(endpoint.connections()).toBe(before);
      expect(seen).toHaveLength(0);
      expect(standIn.chatRequests).toHaveLength(1);
      expect(log.entries.find((entry) => entry.message === 'tool call')?.data?.error).toMatch(/^Blocked request/);
    } finally {
      await onlyModel.close();
    }
  });

  it('stops the loop after maxSteps model calls', async () => {
    answer = () => ({ toolCalls: [{ name: 'lookup_order', arguments: { orderId: 'again' } }] });
    const result = await run(config({ maxSteps: 3 }));
    expect(standIn.chatRequests).toHaveLength(3);
    expect(seen).toHaveLength(3);
    expect(result).toMatchObject({ kind: 'completed', output: { text: '', steps: 3, finishReason: 'tool-calls' } });
    expect((result.output as Output).toolCalls).toHaveLength(3);
  });

  it('stops a tool call when the run is aborted', async () => {
    respond = () => undefined; // never answers
    answer = callThenAnswer('lookup_order', { orderId: 'A-7' });
    const controller = new AbortController();
    const pending = run(config(), { signal: controller.signal });
    await waitFor(() => seen.length === 1);
    const before = abandonedCalls;
    controller.abort();
    expect(await failure(pending)).toMatchObject({ code: 'ABORTED', retryable: false });
    await waitFor(() => abandonedCalls === before + 1);
    expect(standIn.chatRequests).toHaveLength(1);
  });

  it('times out, retryable, when a tool call outlasts timeoutMs (it bounds the whole loop)', async () => {
    respond = () => undefined; // never answers
    answer = callThenAnswer('lookup_order', { orderId: 'A-7' });
    const before = abandonedCalls;
    const error = await failure(run(config({ timeoutMs: 300 })));
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true, message: `LLM request to 127.0.0.1:${standIn.port} timed out after 300 ms` });
    await waitFor(() => abandonedCalls === before + 1);
  });

  it('parses a structured answer from the last step only', async () => {
    answer = (request) =>
      toolResults(request.body).length === 0
        ? { text: 'Let me look. ', toolCalls: [{ name: 'lookup_order', arguments: { orderId: 'A-7' } }] }
        : { text: '{"status":"shipped"}' };
    const result = await run(config({ responseSchema: { type: 'object', properties: { status: { type: 'string' } }, required: ['status'] } }));
    expect(result).toMatchObject({ output: { text: '{"status":"shipped"}', object: { status: 'shipped' }, steps: 2 } });
  });

  it('leaves the output as it was without tools', async () => {
    answer = () => ({ text: 'plain' });
    const result = await run(without(config(), 'tools'));
    expect(result.output).not.toHaveProperty('toolCalls');
    expect(result.output).not.toHaveProperty('steps');
    expect(standIn.chatRequests[0]?.body.tools).toBeUndefined();
  });
});

describe('llm tools configuration', () => {
  const fields = (rawConfig: JsonObject) => validateUnresolvedConfig(llmNode, rawConfig).map((issue) => `${issue.field}: ${issue.message}`);

  it('refuses duplicate tool names at publish, even beside a template', () => {
    const tools = [orderTool(), orderTool({ name: 'other' }), orderTool()];
    expect(fields(config({ tools }))).toEqual(['tools.2.name: tool "lookup_order" is named by an earlier tool']);
    expect(fields(config({ tools, temperature: '{{ $input.t }}' }))).toEqual(['tools.2.name: tool "lookup_order" is named by an earlier tool']);
  });

  it('names the tool field that is wrong', () => {
    expect(fields(config({ tools: [orderTool(), orderTool({ name: 'bad name' })] }))).toEqual([expect.stringMatching(/^tools\.1\.name: must be a name of letters/)]);
    expect(fields(config({ tools: [orderTool({ url: 'ftp://example.com/x' })] }))).toEqual(['tools.0.url: must be an http or https URL']);
    expect(fields(config({ tools: [orderTool({ method: 'DELETE' })] }))).toEqual([expect.stringMatching(/^tools\.0\.method: /)]);
    expect(fields(config({ tools: [orderTool({ parameters: { type: 'string' } })] }))).toEqual(['tools.0.parameters: must be a JSON Schema with "type": "object"']);
    expect(fields(config({ tools: [without(orderTool(), 'description')] }))).toEqual(['tools.0.description: is required']);
    expect(fields(config({ tools: [orderTool({ headers: { 'bad header': 'x' } })] }))).toEqual([expect.stringMatching(/^tools\.0\.headers/)]);
    expect(fields(config({ tools: [orderTool({ credentialId: 'c' })] }))).toEqual(['tools.0.credentialId: unknown setting']);
    expect(fields(config({ tools: [orderTool({ auth: { type: 'oauth2', credentialId: 'c' } })] }))).toEqual(['tools.0.auth.type: oauth2 is not available for tools: use bearer, basic or header']);
    expect(fields(config({ tools: Array.from({ length: 17 }, (_, index) => orderTool({ name: `t${index}` })) }))).toEqual([expect.stringMatching(/^tools: /)]);
    expect(fields(config({ maxSteps: 0 }))).toEqual([expect.stringMatching(/^maxSteps: /)]);
    expect(fields(config({ maxSteps: 21 }))).toEqual([expect.stringMatching(/^maxSteps: /)]);
  });

  it('accepts a template for a tool url at publish', () => {
    expect(fields(config({ tools: [orderTool({ url: '{{ $input.endpoint }}' })] }))).toEqual([]);
  });

  it('refuses a bad tool at run time too, naming the field, before any request', async () => {
    const error = await failure(run(config({ tools: [orderTool(), orderTool()] })));
    expect(error).toMatchObject({ code: 'CONFIG', retryable: false, field: 'tools.1.name' });
    expect(standIn.chatRequests).toHaveLength(0);
  });
});

afterEach(() => {
  answer = () => ({ text: 'unused' });
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
