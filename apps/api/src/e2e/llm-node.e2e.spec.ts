import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRequestBody, startServer } from '../../../../libs/nodes/src/test-support/http-server.js';
import { startOpenAiCompatibleStandIn, toolResults, type ChatRequest, type OpenAiCompatibleStandIn, type StandInAnswer } from '../../../../libs/nodes/src/test-support/openai-compatible-server.js';
import { edge, node } from './graphs.js';
import { publishWorkflow, startRun, waitForRun, type Stack } from './harness.js';
import { stackPerFile } from './stack-per-file.js';

const API_KEY = 'sk-llm-e2e-canary-7f3a';
const fastRetry = (maxAttempts: number) => ({ maxAttempts, backoff: 'fixed', initialIntervalMs: 100, maxIntervalMs: 100, jitter: 0 });

type Pushed = { type: string; nodeId: string | null; attempt: number | null; data: Record<string, unknown> | null };
type LlmOutput = { text: string; usage: { inputTokens: number; outputTokens: number }; costUsd: number | null; latencyMs: number; model: string; finishReason: string };
type RunView = { run: { status: string; output: unknown; nodeRuns: { nodeId: string; attempt: number; status: string; output: LlmOutput | null; error: { code: string; retryable: boolean } | null }[] } };

const RUN = /* GraphQL */ `
  query ($id: ID!) { run(id: $id) { status output nodeRuns { nodeId attempt status output error } } }
`;

describe('llm node, end to end against a local OpenAI-compatible server', () => {
  const file = stackPerFile();
  let stack: Stack;
  let standIn: OpenAiCompatibleStandIn;
  let answer: (request: ChatRequest) => StandInAnswer = () => ({ text: 'unused' });

  beforeAll(async () => {
    stack = file.stack;
    standIn = await startOpenAiCompatibleStandIn((request) => answer(request));
  });
  afterAll(async () => {
    await standIn?.close();
  });

  /** The run's pushed items, node.log entries included, until workflow.finished. */
  const collect = (runId: string): Promise<Pushed[]> => {
    const items: Pushed[] = [];
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no workflow.finished; got ${items.map((i) => i.type).join(', ')}`)), 30_000);
      stack.ws().subscribe<{ runEvents: Pushed }>(
        { query: 'subscription ($runId: ID!) { runEvents(runId: $runId) { type nodeId attempt data } }', variables: { runId } },
        {
          next: (message) => (message.errors ? reject(new Error(JSON.stringify(message.errors))) : void items.push(message.data!.runEvents)),
          error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
          complete: () => (clearTimeout(timer), resolve(items)),
        },
      );
    });
  };

  it('drafts then summarises with two llm nodes, streaming tokens live and recording usage, cost and latency', async () => {
    const created = await stack.ok<{ createCredential: { id: string } }>('mutation ($input: CreateCredentialInput!) { createCredential(input: $input) { id } }', {
      input: { name: 'Local LLM', type: 'bearer', values: { token: API_KEY } },
    });
    const credentialId = created.createCredential.id;
    let calls = 0;
    answer = (request) => {
      calls += 1;
      // The first call fails as an overloaded server would: the node's retry policy tries again.
      if (calls === 1) return { status: 503, message: 'overloaded, try again' };
      const prompt = request.body.messages.at(-1)?.content ?? '';
      const text = prompt.startsWith('Draft') ? `Weft runs workflows as events. It keeps every step. (key seen: ${request.headers.authorization})` : `Summary: ${prompt.length} characters about Weft.`;
      return { text, chunkSize: 5, chunkDelayMs: 30 };
    };
    const llm = { provider: 'openai-compatible', baseUrl: standIn.baseUrl, credentialId, pricePerMillion: { input: 1, output: 4 } };
    const workflowId = await publishWorkflow(stack, 'draft and summarise', {
      nodes: [
        node('draft', 'llm', { ...llm, model: 'local-draft', system: 'You write drafts.', prompt: 'Draft a note about {{ $trigger.topic }}', temperature: 0.7, maxTokens: 200 }, { retry: fastRetry(2) }),
        node('summarise', 'llm', { ...llm, model: 'local-summary', prompt: 'Summarise: {{ text }}', maxTokens: 50 }),
      ],
      edges: [edge('draft', 'summarise')],
    });
    const runId = await startRun(stack, workflowId, { topic: 'Weft' });
    const itemsPromise = collect(runId);
    const run = await waitForRun(stack, runId);
    const items = await itemsPromise;
    expect(run.status).toBe('succeeded');

    // The key went to the server as a Bearer token, and never came back out.
    expect(standIn.chatRequests.map((r) => r.headers.authorization)).toEqual([`Bearer ${API_KEY}`, `Bearer ${API_KEY}`, `Bearer ${API_KEY}`]);
    expect(standIn.chatRequests[1]?.body).toMatchObject({ model: 'local-draft', stream: true, temperature: 0.7, max_tokens: 200, messages: [{ role: 'system', content: 'You write drafts.' }, { role: 'user', content: 'Draft a note about Weft' }] });
    const view = await stack.ok<RunView>(RUN, { id: runId });
    expect(JSON.stringify(view)).not.toContain(API_KEY);
    expect(JSON.stringify(items)).not.toContain(API_KEY);

    const draftRuns = view.run.nodeRuns.filter((n) => n.nodeId === 'draft');
    // Attempt 1 met the 503 (retryable); the node run shown is attempt 2.
    expect(draftRuns.map((n) => [n.attempt, n.status])).toEqual([[2, 'completed']]);
    expect(items.some((i) => i.nodeId === 'draft' && i.attempt === 1 && i.type !== 'node.log' && i.type !== 'node.started')).toBe(true);
    const draft = draftRuns[0]!.output!;
    expect(draft).toMatchObject({ text: 'Weft runs workflows as events. It keeps every step. (key seen: Bearer [REDACTED])', model: 'local-draft', finishReason: 'stop', usage: { inputTokens: 8 } });
    const summary = view.run.nodeRuns.find((n) => n.nodeId === 'summarise')!.output!;
    expect(summary.text).toBe(`Summary: ${'Summarise: '.length + draft.text.length} characters about Weft.`);
    for (const output of [draft, summary]) {
      expect(output.usage.outputTokens).toBeGreaterThan(0);
      expect(output.costUsd).toBeCloseTo((output.usage.inputTokens * 1 + output.usage.outputTokens * 4) / 1e6, 10);
      expect(output.latencyMs).toBeGreaterThan(0);
    }
    expect(run.output).toMatchObject({ text: summary.text, model: 'local-summary' });

    // Tokens reached subscribers as node.log items while each node ran, before its node.completed.
    for (const nodeId of ['draft', 'summarise']) {
      const mine = items.filter((i) => i.nodeId === nodeId);
      const completedAt = mine.findIndex((i) => i.type === 'node.completed');
      const tokenLogs = mine.filter((i, index) => i.type === 'node.log' && index < completedAt && (i.data as { message?: string } | null)?.message === 'tokens');
      expect(tokenLogs.length, nodeId).toBeGreaterThan(1);
      expect(tokenLogs.map((i) => (i.data as { data: { text: string } }).data.text).join(''), nodeId).toBe((nodeId === 'draft' ? draft : summary).text);
    }
  });

  it('lets an llm node call an HTTP endpoint as a tool through the guarded fetch, and answer with its result', async () => {
    const toolBodies: string[] = [];
    const inventory = await startServer((request, response) => {
      void readRequestBody(request).then((body) => {
        toolBodies.push(body);
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ sku: (JSON.parse(body) as { sku: string }).sku, inStock: 12 }));
      });
    });
    try {
      standIn.chatRequests.length = 0;
      answer = (request) => {
        const results = toolResults(request.body);
        if (results.length === 0) return { toolCalls: [{ name: 'check_stock', arguments: { sku: 'W-42' } }] };
        return { text: `In stock: ${(JSON.parse(results[0]!.content) as { inStock: number }).inStock}`, chunkSize: 4 };
      };
      const tool = { name: 'check_stock', description: 'How many of an item are in stock.', url: `${inventory.origin}/stock`, parameters: { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'] } };
      const workflowId = await publishWorkflow(stack, 'stock agent', {
        nodes: [node('agent', 'llm', { provider: 'openai-compatible', baseUrl: standIn.baseUrl, model: 'local-agent', prompt: 'Is {{ $trigger.sku }} in stock?', tools: [tool], maxSteps: 3 })],
        edges: [],
      });
      const runId = await startRun(stack, workflowId, { sku: 'W-42' });
      const itemsPromise = collect(runId);
      const run = await waitForRun(stack, runId);
      const items = await itemsPromise;
      expect(run.status).toBe('succeeded');

      expect(toolBodies).toEqual(['{"sku":"W-42"}']);
      expect(standIn.chatRequests).toHaveLength(2);
      expect(toolResults(standIn.chatRequests[1]!.body)).toMatchObject([{ name: 'check_stock', content: '{"sku":"W-42","inStock":12}' }]);
      const view = await stack.ok<RunView>(RUN, { id: runId });
      expect(view.run.nodeRuns.find((n) => n.nodeId === 'agent')?.output).toMatchObject({
        text: 'In stock: 12',
        finishReason: 'stop',
        steps: 2,
        toolCalls: [{ name: 'check_stock', input: { sku: 'W-42' }, status: 200 }],
      });
      const logged = items.filter((i) => i.type === 'node.log').map((i) => i.data as { message: string; data?: Record<string, unknown> });
      expect(logged.find((entry) => entry.message === 'tool call')).toMatchObject({ data: { name: 'check_stock', method: 'POST', status: 200 } });

      // Two tools by one name are refused when publishing, naming the node and the field.
      const twins = { nodes: [node('agent', 'llm', { provider: 'openai-compatible', baseUrl: standIn.baseUrl, model: 'local-agent', prompt: 'p', tools: [tool, tool] })], edges: [] };
      await expect(publishWorkflow(stack, 'twin tools', twins)).rejects.toThrow(/agent.*tools\.1\.name|tools\.1\.name.*agent/);
    } finally {
      await inventory.close();
    }
  });
});
