import { describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '../graph/graph.js';
import { ConflictError, InvalidInputError } from '../shared/errors.js';
import { meta, testCatalog } from '../testing/decider-spec.js';
import { nodeInput } from './node-inputs.js';
import { planRerun } from './plan-rerun.js';
import type { RunCommand } from './run.commands.js';
import { createRunDecider } from './run.decider.js';
import type { RunEvent } from './run.events.js';
import type { ActiveRunState } from './run.state.js';

const decider = createRunDecider(testCatalog);
const now = '2026-01-01T00:00:00.000Z';
const node = (id: string, type = 'set') => ({ id, type, config: {} });
const edge = (source: string, target: string, sourceHandle?: string) => ({ id: `${source}-${target}`, source, target, ...(sourceHandle ? { sourceHandle } : {}) });
const cmd = (command: Omit<RunCommand, 'metadata'>) => ({ ...command, metadata: meta() }) as RunCommand;
const apply = (events: RunEvent[], command: Omit<RunCommand, 'metadata'>) => {
  const decided = decider.decide(cmd(command), events.reduce(decider.evolve, decider.initialState()));
  return [...events, ...(Array.isArray(decided) ? decided : [decided])];
};
const stateOf = (events: RunEvent[]) => events.reduce(decider.evolve, decider.initialState()) as ActiveRunState;

/** fetch → check(if) → [true] transform → load; check [false] → skip */
const etl: WorkflowGraph = {
  nodes: [node('fetch'), node('check', 'if'), node('transform'), node('load'), node('skip')],
  edges: [edge('fetch', 'check'), edge('check', 'transform', 'true'), edge('check', 'skip', 'false'), edge('transform', 'load')],
};

function failedRun(): RunEvent[] {
  let events = apply([], { type: 'StartRun', data: { runId: 'r1', workflowId: 'w1', workflowVersion: 1, graph: etl, input: { day: 1 } } });
  events = apply(events, { type: 'CompleteNode', data: { runId: 'r1', nodeId: 'fetch', attempt: 1, output: { rows: 3 } } });
  events = apply(events, { type: 'CompleteNode', data: { runId: 'r1', nodeId: 'check', attempt: 1, output: { rows: 3 }, branch: 'true' } });
  return apply(events, { type: 'FailNode', data: { runId: 'r1', nodeId: 'transform', attempt: 1, error: { code: 'EXECUTION', message: 'bad row' } } });
}

describe('re-running a run from a node', () => {
  it('keeps the results upstream of the node, runs it and what follows again, and links to the old run', () => {
    const old = stateOf(failedRun());
    expect(old.status).toBe('failed');
    const plan = planRerun(old, 'transform', { rows: 2 });
    expect(plan).toEqual({
      rerunOf: { runId: 'r1', fromNodeId: 'transform' },
      kept: { fetch: { status: 'completed', output: { rows: 3 } }, check: { status: 'completed', output: { rows: 3 }, branch: 'true' }, skip: { status: 'skipped' } },
      inputOverride: { rows: 2 },
    });
    const events = apply([], { type: 'StartRun', data: { runId: 'r2', workflowId: 'w1', workflowVersion: 1, graph: etl, input: { day: 1 }, ...plan } });
    expect(events.map((e) => e.type)).toEqual(['workflow.started', 'node.scheduled']);
    expect(events[1]).toEqual({ type: 'node.scheduled', data: { nodeId: 'transform', nodeType: 'set', attempt: 1, queue: 'default', scheduledAt: now } });
    const rerun = stateOf(events);
    expect(rerun.rerunOf).toEqual({ runId: 'r1', fromNodeId: 'transform' });
    expect(nodeInput(rerun, 'transform')).toEqual({ rows: 2 });
    const done = apply(apply(events, { type: 'CompleteNode', data: { runId: 'r2', nodeId: 'transform', attempt: 1, output: { t: 1 } } }), {
      type: 'CompleteNode',
      data: { runId: 'r2', nodeId: 'load', attempt: 1, output: { loaded: 2 } },
    });
    expect(stateOf(done)).toMatchObject({ status: 'succeeded', output: { loaded: 2 } });
  });

  it('without an edited input, the node takes its input from the kept upstream results', () => {
    const plan = planRerun(stateOf(failedRun()), 'transform');
    const rerun = stateOf(apply([], { type: 'StartRun', data: { runId: 'r2', workflowId: 'w1', workflowVersion: 1, graph: etl, input: { day: 1 }, ...plan } }));
    expect(nodeInput(rerun, 'transform')).toEqual({ rows: 3 });
  });

  it('re-runs everything from a root', () => {
    const plan = planRerun(stateOf(failedRun()), 'fetch');
    expect(plan.kept).toEqual({});
  });

  it('refuses a run still running, and a node the run does not have', () => {
    const running = stateOf(apply([], { type: 'StartRun', data: { runId: 'r1', workflowId: 'w1', workflowVersion: 1, graph: etl, input: {} } }));
    expect(() => planRerun(running, 'fetch')).toThrow(ConflictError);
    expect(() => planRerun(stateOf(failedRun()), 'nope')).toThrow(InvalidInputError);
  });
});
