import { describe, expect, it } from 'vitest';
import type { RetryPolicy, WorkflowGraph, WorkflowNode } from '../graph/graph.js';
import { ConflictError, InvalidInputError, StaleAttemptError } from '../shared/errors.js';
import type { Json } from '../shared/json.js';
import { meta, testCatalog } from '../testing/decider-spec.js';
import { nodeInput, nodeInputs } from './node-inputs.js';
import { retryDelayMs } from './retry-backoff.js';
import type { RunCommand } from './run.commands.js';
import { createRunDecider } from './run.decider.js';
import { deadlineTimerIdOf, retryTimerIdOf, type NodeError, type RunEvent } from './run.events.js';
import type { ActiveRunState } from './run.state.js';

const decider = createRunDecider(testCatalog);
const now = '2026-01-01T00:00:00.000Z';
const later = (ms: number) => new Date(Date.parse(now) + ms).toISOString();
const cmd = <T extends RunCommand['type']>(type: T, data: Extract<RunCommand, { type: T }>['data']) => ({ type, data, metadata: meta() }) as RunCommand;
const node = (id: string, type = 'set', extra: Partial<WorkflowNode> = {}): WorkflowNode => ({ id, type, config: {}, ...extra });
const edge = (source: string, target: string, sourceHandle?: string) => ({ id: `${source}-${target}`, source, target, ...(sourceHandle ? { sourceHandle } : {}) });
const fixed = (maxAttempts: number): RetryPolicy => ({ maxAttempts, backoff: 'fixed', initialIntervalMs: 1000, maxIntervalMs: 1000, jitter: 0 });
const flaky: NodeError = { code: 'EXECUTION', message: 'connection reset', retryable: true };
const broken: NodeError = { code: 'CONFIG', message: 'bad url', retryable: false };

/** Drives a run through the decider, applying every decided event: the history a real run would append. */
function drive(graph: WorkflowGraph) {
  let events: RunEvent[] = [];
  const state = () => events.reduce(decider.evolve, decider.initialState());
  const send = (command: RunCommand) => {
    const decided = decider.decide(command, state());
    const list = Array.isArray(decided) ? decided : [decided];
    events = [...events, ...list];
    return list;
  };
  send(cmd('StartRun', { runId: 'r1', workflowId: 'w1', workflowVersion: 1, graph, input: { n: 1 } }));
  return {
    send,
    state: () => state() as ActiveRunState,
    complete: (nodeId: string, output: Json = { from: nodeId }, attempt = 1, branch?: string) =>
      send(cmd('CompleteNode', { runId: 'r1', nodeId, attempt, output, ...(branch ? { branch } : {}) })),
    fail: (nodeId: string, error: NodeError, attempt = 1) => send(cmd('FailNode', { runId: 'r1', nodeId, attempt, error })),
    fire: (timerId: string) => send(cmd('FireTimer', { runId: 'r1', timerId })),
    types: (list: RunEvent[]) => list.map((e) => `${e.type}${'nodeId' in e.data ? `:${e.data.nodeId}` : ''}`),
  };
}

describe('retries', () => {
  const graph: WorkflowGraph = { nodes: [node('call', 'http', { retry: fixed(3) }), node('next')], edges: [edge('call', 'next')] };

  it('retries a retryable failure after its backoff on a durable timer, and succeeds on attempt 3', () => {
    const run = drive(graph);
    expect(run.fail('call', flaky, 1)).toEqual([
      { type: 'node.retrying', data: { nodeId: 'call', attempt: 1, error: flaky, nextAttempt: 2, retryAt: later(1000), timerId: retryTimerIdOf('r1', 'call', 1), retryingAt: now } },
    ]);
    expect(run.state().nodes.call).toMatchObject({ status: 'retrying', attempt: 1 });
    expect(run.fire(retryTimerIdOf('r1', 'call', 1))).toEqual([{ type: 'node.scheduled', data: { nodeId: 'call', nodeType: 'http', attempt: 2, queue: 'io', scheduledAt: now } }]);
    expect(run.types(run.fail('call', flaky, 2))).toEqual(['node.retrying:call']);
    expect(run.fire(retryTimerIdOf('r1', 'call', 2))).toMatchObject([{ type: 'node.scheduled', data: { attempt: 3 } }]);
    expect(run.types(run.complete('call', { ok: true }, 3))).toEqual(['node.completed:call', 'node.scheduled:next']);
  });

  it('refuses a late report of a superseded attempt, and ignores a repeated failure report', () => {
    const run = drive(graph);
    run.fail('call', flaky, 1);
    expect(run.fail('call', flaky, 1)).toEqual([]);
    run.fire(retryTimerIdOf('r1', 'call', 1));
    expect(() => run.complete('call', {}, 1)).toThrow(StaleAttemptError);
    expect(run.fire(retryTimerIdOf('r1', 'call', 1))).toEqual([]); // a timer fired twice schedules once
  });

  it('does not retry an error marked not retryable', () => {
    const run = drive(graph);
    expect(run.types(run.fail('call', broken, 1))).toEqual(['node.failed:call', 'workflow.finished']);
  });

  it('fails the run with the node error once attempts are exhausted and there is no error edge', () => {
    const run = drive({ ...graph, nodes: [node('call', 'http', { retry: fixed(2) }), node('next')] });
    run.fail('call', flaky, 1);
    run.fire(retryTimerIdOf('r1', 'call', 1));
    expect(run.fail('call', flaky, 2)).toEqual([
      { type: 'node.failed', data: { nodeId: 'call', attempt: 2, error: flaky, failedAt: now } },
      { type: 'workflow.finished', data: { status: 'failed', error: { code: 'EXECUTION', message: 'node "call" failed: connection reset', nodeId: 'call' }, finishedAt: now } },
    ]);
  });
});

describe('retry backoff', () => {
  const exponential: RetryPolicy = { maxAttempts: 10, backoff: 'exponential', initialIntervalMs: 100, maxIntervalMs: 300, jitter: 0 };

  it('doubles from the initial interval up to the maximum', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(exponential, attempt, 'seed'))).toEqual([100, 200, 300, 300]);
    expect(retryDelayMs({ ...exponential, backoff: 'fixed' }, 5, 'seed')).toBe(100);
  });

  it('spreads by at most the jitter, the same way for the same timer', () => {
    const jittered = { ...exponential, jitter: 0.5 };
    const delays = Array.from({ length: 200 }, (_, i) => retryDelayMs(jittered, 3, `timer-${i}`));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(150);
    expect(Math.max(...delays)).toBeLessThanOrEqual(300);
    expect(new Set(delays).size).toBeGreaterThan(50);
    expect(retryDelayMs(jittered, 3, 'timer-7')).toBe(retryDelayMs(jittered, 3, 'timer-7'));
  });
});

describe('error edges', () => {
  const graph: WorkflowGraph = {
    nodes: [node('call', 'http', { retry: fixed(2) }), node('ok'), node('recover'), node('end', 'merge')],
    edges: [edge('call', 'ok'), edge('call', 'recover', 'error'), edge('ok', 'end'), edge('recover', 'end')],
  };

  it('takes the error edge after the last attempt fails, carrying the error, and the run goes on', () => {
    const run = drive(graph);
    run.fail('call', flaky, 1);
    run.fire(retryTimerIdOf('r1', 'call', 1));
    const events = run.fail('call', flaky, 2);
    expect(run.types(events)).toEqual(['node.failed:call', 'node.skipped:ok', 'node.scheduled:recover']);
    expect(events[0]).toMatchObject({ data: { handled: true } });
    expect(nodeInput(run.state(), 'recover')).toEqual({ error: { ...flaky, nodeId: 'call', attempt: 2 } });
    run.complete('recover', { recovered: true });
    expect(run.types(run.complete('end', { recovered: true }))).toEqual(['node.completed:end', 'workflow.finished']);
    expect(run.state()).toMatchObject({ status: 'succeeded', output: { recovered: true } });
  });

  it('leaves the error edge dead when the node succeeds', () => {
    const run = drive(graph);
    expect(run.types(run.complete('call'))).toEqual(['node.completed:call', 'node.scheduled:ok', 'node.skipped:recover']);
  });
});

describe('run deadline', () => {
  const graph: WorkflowGraph = { nodes: [node('slow', 'http')], edges: [], settings: { timeoutMs: 5000 } };

  it('sets a deadline from the settings and fails the run with RUN_TIMEOUT when its timer fires', () => {
    const run = drive(graph);
    expect(run.state().deadline).toBe(later(5000));
    expect(run.fire(deadlineTimerIdOf('r1'))).toEqual([
      { type: 'workflow.finished', data: { status: 'failed', error: { code: 'RUN_TIMEOUT', message: `the run did not finish by its deadline ${later(5000)}` }, finishedAt: now } },
    ]);
    expect(run.state().nodes.slow?.status).toBe('cancelled');
    expect(() => run.complete('slow')).toThrow(StaleAttemptError);
    expect(run.fire(deadlineTimerIdOf('r1'))).toEqual([]);
  });

  it('lets a run that finished in time ignore its deadline', () => {
    const run = drive(graph);
    run.complete('slow');
    expect(run.fire(deadlineTimerIdOf('r1'))).toEqual([]);
    expect(run.state().status).toBe('succeeded');
  });
});

describe('switch', () => {
  const graph: WorkflowGraph = {
    nodes: [{ id: 'route', type: 'switch', config: { cases: ['gold', 'silver'] } }, node('g'), node('s'), node('other')],
    edges: [edge('route', 'g', 'gold'), edge('route', 's', 'silver'), edge('route', 'other', 'default')],
  };

  it('takes default when no case matched: the case branches are dead', () => {
    const run = drive(graph);
    expect(run.types(run.complete('route', {}, 1, 'default'))).toEqual(['node.completed:route', 'node.skipped:g', 'node.skipped:s', 'node.scheduled:other']);
  });

  it('refuses a branch the configuration does not declare', () => {
    const run = drive(graph);
    expect(() => run.complete('route', {}, 1, 'bronze')).toThrow(InvalidInputError);
  });
});

describe('merge modes', () => {
  const fanIn = (config: Record<string, Json>): WorkflowGraph => ({
    nodes: [node('a'), node('b'), node('c'), { id: 'm', type: 'merge', config }],
    edges: [edge('a', 'm'), edge('b', 'm'), edge('c', 'm')],
  });

  it('all (default): runs once every input arrived', () => {
    const run = drive(fanIn({}));
    expect(run.types(run.complete('a'))).toEqual(['node.completed:a']);
    run.complete('b');
    expect(run.types(run.complete('c'))).toEqual(['node.completed:c', 'node.scheduled:m']);
  });

  it('first: runs with the first input to arrive, and only once', () => {
    const run = drive(fanIn({ join: 'first' }));
    expect(run.complete('b')).toContainEqual({ type: 'node.scheduled', data: { nodeId: 'm', nodeType: 'merge', attempt: 1, queue: 'default', scheduledAt: now, sources: ['b'] } });
    expect(run.types(run.complete('a'))).toEqual(['node.completed:a']);
    expect(nodeInputs(run.state(), 'm')).toEqual({ b: { from: 'b' } });
  });

  it('any n: runs once n inputs arrived, with those', () => {
    const run = drive(fanIn({ join: 'any', count: 2 }));
    run.complete('c');
    expect(run.types(run.complete('a'))).toEqual(['node.completed:a', 'node.scheduled:m']);
    run.complete('b');
    expect(nodeInputs(run.state(), 'm')).toEqual({ a: { from: 'a' }, c: { from: 'c' } });
  });

  it('any n: runs with fewer once the others can no longer arrive', () => {
    const graph: WorkflowGraph = {
      nodes: [node('start', 'if'), node('a'), node('b'), { id: 'm', type: 'merge', config: { join: 'any', count: 2 } }],
      edges: [edge('start', 'a', 'true'), edge('start', 'b', 'false'), edge('a', 'm'), edge('b', 'm')],
    };
    const run = drive(graph);
    run.complete('start', {}, 1, 'true');
    expect(run.types(run.complete('a'))).toEqual(['node.completed:a', 'node.scheduled:m']);
  });
});

describe('waits for a decision or an event', () => {
  const gate = (waitFor: Json) => ({
    graph: {
      nodes: [node('gate', 'wait'), node('yes'), node('no'), node('late')],
      edges: [edge('gate', 'yes', 'approved'), edge('gate', 'no', 'rejected'), edge('gate', 'late', 'timeout')],
    } satisfies WorkflowGraph,
    waitFor,
  });
  const suspend = (waitFor: Json, until?: string) => {
    const run = drive(gate(waitFor).graph);
    run.send(cmd('WaitNode', { runId: 'r1', nodeId: 'gate', attempt: 1, output: { amount: 5 }, waitFor: waitFor as never, ...(until ? { until } : {}) }));
    return run;
  };
  const approval = (approved: boolean) => cmd('ResolveWait', { runId: 'r1', nodeId: 'gate', resolution: { kind: 'approval', approved, by: 'user:1' } });

  it('suspends without a deadline, then takes the branch of the decision with the decision as output', () => {
    const run = suspend({ kind: 'approval' });
    expect(run.state().nodes.gate).toMatchObject({ status: 'waiting', waitFor: { kind: 'approval' } });
    const events = run.send(approval(false));
    expect(run.types(events)).toEqual(['run.resumed:gate', 'node.completed:gate', 'node.skipped:yes', 'node.scheduled:no', 'node.skipped:late']);
    expect(events[1]).toMatchObject({ data: { branch: 'rejected', output: { approved: false, comment: null, by: 'user:1' } } });
    expect(() => run.send(approval(true))).toThrow(ConflictError);
  });

  it('takes the timeout branch with its input when the deadline fires first; a late decision is a conflict', () => {
    const run = suspend({ kind: 'approval' }, later(1000));
    const events = run.fire('r1:gate:1');
    expect(events[0]).toMatchObject({ type: 'run.resumed', data: { cause: 'timeout' } });
    expect(events[1]).toMatchObject({ type: 'node.completed', data: { branch: 'timeout', output: { amount: 5 } } });
    expect(() => run.send(approval(true))).toThrow(ConflictError);
  });

  it('resumes on the event it waits for only: another name or key is refused', () => {
    const run = suspend({ kind: 'event', name: 'paid', correlationKey: 'o-1', lookbackMs: 0 });
    const event = (name: string, correlationKey: string) => cmd('ResolveWait', { runId: 'r1', nodeId: 'gate', resolution: { kind: 'event', signalId: 's1', name, correlationKey, payload: { amount: 9 } } });
    expect(() => run.send(event('paid', 'o-2'))).toThrow(ConflictError);
    expect(() => run.send(event('refunded', 'o-1'))).toThrow(ConflictError);
    expect(() => run.send(approval(true))).toThrow(ConflictError);
    expect(run.send(event('paid', 'o-1'))[1]).toMatchObject({ type: 'node.completed', data: { branch: 'received', output: { amount: 9 } } });
  });

  it('refuses a plain wait without a valid time', () => {
    const run = drive(gate({ kind: 'approval' }).graph);
    expect(() => run.send(cmd('WaitNode', { runId: 'r1', nodeId: 'gate', attempt: 1, output: null }))).toThrow(InvalidInputError);
  });
});
