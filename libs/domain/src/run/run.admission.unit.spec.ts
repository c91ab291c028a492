import { describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '../graph/graph.js';
import { ConflictError, NotFoundError, StaleAttemptError } from '../shared/errors.js';
import { deciderSpec, meta, testCatalog } from '../testing/decider-spec.js';
import type { RunCommand } from './run.commands.js';
import { createRunDecider } from './run.decider.js';
import type { RunEvent } from './run.events.js';
import type { ActiveRunState } from './run.state.js';

const decider = createRunDecider(testCatalog);
const spec = deciderSpec(decider);
const now = '2026-01-01T00:00:00.000Z';
const later = '2026-01-01T00:05:00.000Z';

const node = (id: string, type = 'set') => ({ id, type, config: {} });
/** a → b, at most 2 runs at once, 60 s per run. */
const limited: WorkflowGraph = { nodes: [node('a'), node('b')], edges: [{ id: 'a-b', source: 'a', target: 'b' }], settings: { maxConcurrentRuns: 2, timeoutMs: 60_000 } };

const cmd = <T extends RunCommand['type']>(type: T, data: Extract<RunCommand, { type: T }>['data'], at = now) => ({ type, data, metadata: meta({ now: at }) }) as RunCommand;
const start = (graph: WorkflowGraph) => cmd('StartRun', { runId: 'r1', workflowId: 'w1', workflowVersion: 1, graph, input: { n: 1 } });
const startedQueued: RunEvent = { type: 'workflow.started', data: { runId: 'r1', workflowId: 'w1', workflowVersion: 1, graph: limited, input: { n: 1 }, startedAt: now, queued: true } };
const admitted: RunEvent = { type: 'run.admitted', data: { admittedAt: later, deadline: '2026-01-01T00:06:00.000Z' } };
const scheduledA: RunEvent = { type: 'node.scheduled', data: { nodeId: 'a', nodeType: 'set', attempt: 1, queue: 'default', scheduledAt: later } };

describe('run decider: runs of a workflow with a run limit', () => {
  it('given nothing, when a run of a limited workflow starts, then it is queued: workflow.started says so, nothing is scheduled, no deadline yet', () => {
    expect(spec.given([]).when(start(limited)).run()).toEqual([startedQueued]);
    const state = spec.given([startedQueued]).state as ActiveRunState;
    expect(state).toMatchObject({ status: 'running', queued: true });
    expect(state.deadline).toBeUndefined();
    expect(Object.values(state.nodes).map((n) => n.status)).toEqual(['pending', 'pending']);
  });

  it('given nothing, when a run of a workflow without a limit starts, then it is not queued', () => {
    const { settings: _settings, ...unlimited } = limited;
    const events = spec.given([]).when(start(unlimited)).run();
    expect(events.map((e) => e.type)).toEqual(['workflow.started', 'node.scheduled']);
    expect(events[0]!.data).not.toHaveProperty('queued');
  });

  it('given a queued run, when it is admitted, then run.admitted with its deadline from now, and its roots are scheduled', () => {
    expect(spec.given([startedQueued]).when(cmd('AdmitRun', { runId: 'r1' }, later)).run()).toEqual([admitted, scheduledA]);
    const state = spec.given([startedQueued, admitted]).state as ActiveRunState;
    expect(state.queued).toBeUndefined();
    expect(state.deadline).toBe('2026-01-01T00:06:00.000Z');
  });

  it('given an admitted run, when it is admitted again, then nothing', () => {
    expect(spec.given([startedQueued, admitted, scheduledA]).when(cmd('AdmitRun', { runId: 'r1' }, later)).run()).toEqual([]);
  });

  it('given a queued run, when it is cancelled, then it finishes cancelled with its nodes, and can no longer be admitted', () => {
    const cancelled = spec.given([startedQueued]).when(cmd('CancelRun', { runId: 'r1', reason: 'not needed' })).run();
    expect(cancelled).toEqual([{ type: 'workflow.finished', data: { status: 'cancelled', error: { code: 'CANCELLED', message: 'cancelled: not needed' }, finishedAt: now } }]);
    const after = spec.given([startedQueued, ...cancelled]);
    expect(Object.values((after.state as ActiveRunState).nodes).map((n) => n.status)).toEqual(['cancelled', 'cancelled']);
    expect(after.when(cmd('AdmitRun', { runId: 'r1' }, later)).run).toThrow(ConflictError);
  });

  it('given a queued run, no node report and no node timer moves it', () => {
    const given = spec.given([startedQueued]);
    expect(given.when(cmd('StartNode', { runId: 'r1', nodeId: 'a', attempt: 1, input: null, workerId: 'w' })).run).toThrow(StaleAttemptError);
    expect(given.when(cmd('CompleteNode', { runId: 'r1', nodeId: 'a', attempt: 1, output: {} })).run).toThrow(StaleAttemptError);
    expect(given.when(cmd('FireTimer', { runId: 'r1', timerId: 'r1:a:1' })).run()).toEqual([]);
  });

  it('given no run, when admitted, then not found', () => {
    expect(spec.given([]).when(cmd('AdmitRun', { runId: 'r9' })).run).toThrow(NotFoundError);
  });
});
