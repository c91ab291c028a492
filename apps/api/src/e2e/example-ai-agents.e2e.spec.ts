import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiCompatibleStandIn, type ChatRequest, type OpenAiCompatibleStandIn, type StandInAnswer } from '../../../../libs/nodes/src/test-support/openai-compatible-server.js';
import { importShippedExample, startRun, waitForRun, type Stack } from './harness.js';
import { stackPerFile } from './stack-per-file.js';

type NodeRunView = { nodeId: string; status: string; branch: string | null; output: { text?: string; object?: unknown } | null };
const RUN = /* GraphQL */ `query ($id: ID!) { run(id: $id) { nodeRuns { nodeId status branch output } } }`;

const MODEL = 'stand-in-writer';
const CHEESE = 'The Moon is made of green cheese.';
const ISSUE = 'The Moon is made of rock, not cheese.';

/** The draft the stand-in writes for a topic: a false claim when the topic asks for one. */
const draftOf = (topic: string) => `${topic} orbits the Earth every 27 days.${topic.includes('cheese') ? ` ${CHEESE}` : ''}`;
const promptOf = (request: ChatRequest) => request.body.messages.at(-1)?.content ?? '';
const articleIn = (prompt: string) => prompt.slice(prompt.lastIndexOf('\n') + 1);

/** The model, played by the stand-in: each step is told apart by how its prompt begins. */
const model = (request: ChatRequest): StandInAnswer => {
  const prompt = promptOf(request);
  if (prompt.startsWith('Write a short article')) return { text: draftOf(prompt.slice(prompt.indexOf(': ') + 2)) };
  if (prompt.startsWith('Fact-check') && prompt.includes('hedged')) return { text: 'Mostly right, I think.' };
  if (prompt.startsWith('Fact-check')) return { text: JSON.stringify(prompt.includes(CHEESE) ? { verdict: 'fail', issues: [ISSUE] } : { verdict: 'pass', issues: [] }) };
  if (prompt.startsWith('Rewrite')) return { text: articleIn(prompt).replace(CHEESE, 'It is made of rock.') };
  if (prompt.startsWith('Summarise')) return { text: `In short: ${articleIn(prompt).split('.')[0]}.` };
  return { status: 400, message: `unexpected prompt: ${prompt.slice(0, 40)}` };
};

describe('shipped example ai-agents: draft, fact-check, then summarise or revise', () => {
  const file = stackPerFile();
  let stack: Stack;
  let llm: OpenAiCompatibleStandIn;
  let workflowId: string;

  beforeAll(async () => {
    stack = file.stack;
    llm = await startOpenAiCompatibleStandIn(model);
    ({ workflowId } = await importShippedExample(stack, 'ai-agents', { llmBaseUrl: llm.baseUrl, llmModel: MODEL }));
  });
  afterAll(async () => {
    await llm?.close();
  });

  /** Runs the example on a topic; returns its outcome, its node runs by id and the prompts the model received, in order. */
  const runOn = async (topic: string) => {
    llm.chatRequests.length = 0;
    const runId = await startRun(stack, workflowId, { topic });
    const run = await waitForRun(stack, runId);
    const view = await stack.ok<{ run: { nodeRuns: NodeRunView[] } }>(RUN, { id: runId });
    const nodes = Object.fromEntries(view.run.nodeRuns.map((n) => [n.nodeId, n]));
    const statuses = Object.fromEntries(view.run.nodeRuns.map((n) => [n.nodeId, n.status]));
    return { run, nodes, statuses, requests: [...llm.chatRequests] };
  };

  it('summarises a draft that passes the fact-check, skipping the revision branch', async () => {
    const { run, nodes, statuses, requests } = await runOn('The Moon');
    const draft = draftOf('The Moon');
    expect(run).toMatchObject({ status: 'succeeded', error: null });
    expect(run.output).toEqual({ outcome: 'approved', topic: 'The Moon', article: draft, summary: 'In short: The Moon orbits the Earth every 27 days.', factCheck: { verdict: 'pass', issues: [] } });
    expect(statuses).toEqual({ draft: 'completed', factCheck: 'completed', passed: 'completed', summarise: 'completed', approved: 'completed', revise: 'skipped', summariseRevision: 'skipped', revised: 'skipped' });
    expect(nodes.passed!.branch).toBe('true');

    expect(requests.map(promptOf)).toEqual([
      'Write a short article (about 150 words) about: The Moon',
      expect.stringMatching(/^Fact-check this article about The Moon\./),
      `Summarise this article in two sentences:\n\n${draft}`,
    ]);
    expect(promptOf(requests[1]!)).toContain(`Article:\n${draft}`);
    // Every step went to the configured model; the fact-check asked for JSON matching its schema.
    expect(requests.map((r) => r.body.model)).toEqual([MODEL, MODEL, MODEL]);
    expect(requests[1]!.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { schema: { required: ['verdict', 'issues'] } } });
    expect(requests[0]!.body.response_format).toBeUndefined();
    expect(nodes.factCheck!.output!.object).toEqual({ verdict: 'pass', issues: [] });
  });

  it('revises a draft that fails the fact-check to fix its issues, then summarises the revision', async () => {
    const { run, nodes, statuses, requests } = await runOn('The Moon, in cheese');
    const draft = draftOf('The Moon, in cheese');
    const revision = draft.replace(CHEESE, 'It is made of rock.');
    expect(run).toMatchObject({ status: 'succeeded', error: null });
    expect(run.output).toEqual({
      outcome: 'revised',
      topic: 'The Moon, in cheese',
      article: revision,
      summary: 'In short: The Moon, in cheese orbits the Earth every 27 days.',
      factCheck: { verdict: 'fail', issues: [ISSUE] },
      firstDraft: draft,
    });
    expect(statuses).toEqual({ draft: 'completed', factCheck: 'completed', passed: 'completed', summarise: 'skipped', approved: 'skipped', revise: 'completed', summariseRevision: 'completed', revised: 'completed' });
    expect(nodes.passed!.branch).toBe('false');

    // The reviser saw the fact-checker's issues and the first draft; the summary is of the revision.
    const prompts = requests.map(promptOf);
    expect(prompts).toHaveLength(4);
    expect(prompts[2]).toBe(`Rewrite this article so that it fixes every issue a fact-checker found. Keep its length and tone.\n\nIssues:\n- ${ISSUE}\n\nArticle:\n${draft}`);
    expect(prompts[3]).toBe(`Summarise this article in two sentences:\n\n${revision}`);
    expect(nodes.revise!.output!.text).toBe(revision);
  });

  it('fails the run at the fact-check, summarising nothing, when the model does not answer with the JSON asked for', async () => {
    const { run, statuses, requests } = await runOn('The Moon, hedged');
    expect(run).toMatchObject({ status: 'failed', error: { nodeId: 'factCheck', code: 'EXECUTION' } });
    expect(statuses).toMatchObject({ draft: 'completed', factCheck: 'failed' });
    expect(Object.entries(statuses).filter(([, status]) => status === 'completed').map(([id]) => id)).toEqual(['draft']);
    expect(requests.map((r) => promptOf(r).split(' ')[0])).toEqual(['Write', 'Fact-check']);
  });
});
