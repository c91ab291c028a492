import { describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '../graph/graph.js';
import type { JsonObject } from '../shared/json.js';
import { ConflictError, InvalidInputError, NotFoundError, StaleAttemptError } from '../shared/errors.js';
import { deciderSpec, meta, testCatalog } from '../testing/decider-spec.js';
import { nodeInput, nodeInputs } from './node-inputs.js';
import type { RunCommand } from './run.commands.js';
import { createRunDecider } from './run.decider.js';
import type { RunEvent } from './run.events.js';
import type { ActiveRunState } from './run.state.js';

const decider = createRunDecider(testCatalog);
const spec = deciderSpec(decider);
const now = '2026-01-01T00:00:00.000Z';
const at = { runId: 'r1' };

const node = (id: string, type = 'set') => ({ id, type, config: {} });
const edge = (source: string, target: string, sourceHandle?: string) => ({ id: `${source}-${target}`, source, target, ...(sourceHandle ? { sourceHandle } : {}) });

/** start → check(if) → yes | no → join(merge) */
const diamond: WorkflowGraph = {
  nodes: [node('start'), node('check', 'if'), node('yes'), node('no'), node('join', 'merge')],
  edges: [edge('start', 'check'), edge('check', 'yes', 'true'), edge('check', 'no', 'false'), edge('yes', 'join'), edge('no', 'join')],
};
const linear: WorkflowGraph = { nodes: [node('a'), node('b')], edges: [edge('a', 'b')] };

const started = (graph: WorkflowGraph, input: JsonObject = { n: 1 }): RunEvent => ({
  type: 'workflow.started',
  data: { runId: 'r1', workflowId: 'w1', workflowVersion: 1, graph, input, startedAt: now },
});
const scheduled = (nodeId: string, attempt = 1, nodeType = 'set', queue = 'default'): RunEvent => ({ type: 'node.scheduled', data: { nodeId, nodeType, attempt, queue, scheduledAt: now } });
const startedNode = (nodeId: string, attempt = 1): RunEvent => ({ type: 'node.started', data: { nodeId, attempt, input: null, workerId: 'w', startedAt: now } });
const completed = (nodeId: string, output: JsonObject, branch?: string, attempt = 1): RunEvent => ({
  type: 'node.completed',
  data: { nodeId, attempt, output, ...(branch ? { branch } : {}), completedAt: now },
});
const skipped = (nodeId: string): RunEvent => ({ type: 'node.skipped', data: { nodeId, reason: 'dead-path', skippedAt: now } });
const cmd = <T extends RunCommand['type']>(type: T, data: Extract<RunCommand, { type: T }>['data']) => ({ type, data, metadata: meta() }) as RunCommand;

describe('run decider', () => {
  it('given nothing, when a run starts, then workflow.started and its roots are scheduled', () => {
    const events = spec.given([]).when(cmd('StartRun', { runId: 'r1', workflowId: 'w1', workflowVersion: 1, graph: linear, input: { n: 1 } })).run();
    expect(events).toEqual([started(linear), scheduled('a')]);
  });

  it('given a started run, when it starts again, then conflict', () => {
    expect(spec.given([started(linear)]).when(cmd('StartRun', { runId: 'r1', workflowId: 'w1', workflowVersion: 1, graph: linear, input: {} })).run).toThrow(ConflictError);
  });

  it('schedules nodes on their queue', () => {
    const graph: WorkflowGraph = { nodes: [{ id: 'f', type: 'http', config: { url: 'x' } }], edges: [] };
    const events = spec.given([]).when(cmd('StartRun', { runId: 'r1', workflowId: 'w1', workflowVersion: 1, graph, input: {} })).run();
    expect(events[1]).toEqual(scheduled('f', 1, 'http', 'io'));
  });

  it('given a scheduled node, when a worker starts it, then node.started; when started again, then nothing', () => {
    const given = spec.given([started(linear), scheduled('a')]);
    expect(given.when(cmd('StartNode', { ...at, nodeId: 'a', attempt: 1, input: { n: 1 }, workerId: 'w' })).run()).toEqual([
      { type: 'node.started', data: { nodeId: 'a', attempt: 1, input: { n: 1 }, workerId: 'w', startedAt: now } },
    ]);
    expect(spec.given([started(linear), scheduled('a'), startedNode('a')]).when(cmd('StartNode', { ...at, nodeId: 'a', attempt: 1, input: null, workerId: 'w2' })).run()).toEqual([]);
  });

  it('given a running node, when it completes, then the next node is scheduled', () => {
    const events = spec.given([started(linear), scheduled('a'), startedNode('a')]).when(cmd('CompleteNode', { ...at, nodeId: 'a', attempt: 1, output: { x: 1 } })).run();
    expect(events).toEqual([completed('a', { x: 1 }), scheduled('b')]);
  });

  it('given the last node running, when it completes, then the run finishes with its output', () => {
    const events = spec
      .given([started(linear), scheduled('a'), startedNode('a'), completed('a', { x: 1 }), scheduled('b'), startedNode('b')])
      .when(cmd('CompleteNode', { ...at, nodeId: 'b', attempt: 1, output: { x: 2 } }))
      .run();
    expect(events).toEqual([completed('b', { x: 2 }), { type: 'workflow.finished', data: { status: 'succeeded', output: { x: 2 }, finishedAt: now } }]);
  });

  it('given a scheduled quick node, when it completes with its start, then one node.completed carries what node.started would have', () => {
    const events = spec
      .given([started(linear), scheduled('a')])
      .when(cmd('CompleteNode', { ...at, nodeId: 'a', attempt: 1, output: { x: 1 }, started: { at: '2026-01-01T00:00:00.001Z', input: { n: 1 }, workerId: 'w9' } }))
      .run();
    expect(events[0]).toEqual({
      type: 'node.completed',
      data: { nodeId: 'a', attempt: 1, output: { x: 1 }, completedAt: now, startedAt: '2026-01-01T00:00:00.001Z', input: { n: 1 }, workerId: 'w9' },
    });
  });

  it('given a completed node, when the same attempt completes again (redelivery), then nothing', () => {
    const given = spec.given([started(linear), scheduled('a'), startedNode('a'), completed('a', { x: 1 }), scheduled('b')]);
    expect(given.when(cmd('CompleteNode', { ...at, nodeId: 'a', attempt: 1, output: { x: 99 } })).run()).toEqual([]);
  });

  it('given attempt 2 is current, when attempt 1 reports, then the report is refused', () => {
    const given = spec.given([started(linear), scheduled('a'), scheduled('a', 2)]);
    expect(given.when(cmd('CompleteNode', { ...at, nodeId: 'a', attempt: 1, output: {} })).run).toThrow(StaleAttemptError);
    expect(given.when(cmd('StartNode', { ...at, nodeId: 'a', attempt: 1, input: null, workerId: 'w' })).run).toThrow(StaleAttemptError);
  });

  it('refuses reports about unknown runs and nodes', () => {
    expect(spec.given([]).when(cmd('CompleteNode', { ...at, nodeId: 'a', attempt: 1, output: {} })).run).toThrow(NotFoundError);
    expect(spec.given([started(linear)]).when(cmd('CompleteNode', { ...at, nodeId: 'zz', attempt: 1, output: {} })).run).toThrow(NotFoundError);
  });

  describe('dead-path elimination through if → two branches → merge', () => {
    const upToCheck = [started(diamond), scheduled('start'), completed('start', { n: 90 }), scheduled('check', 1, 'if'), startedNode('check')];

    it('when the if takes "true", then the "false" branch is skipped and the merge waits only for the live one', () => {
      const events = spec.given(upToCheck).when(cmd('CompleteNode', { ...at, nodeId: 'check', attempt: 1, output: { n: 90 }, branch: 'true' })).run();
      expect(events).toEqual([completed('check', { n: 90 }, 'true'), scheduled('yes'), skipped('no')]);
    });

    it('when the live branch completes, then the merge is scheduled with only its input', () => {
      const given = spec.given([...upToCheck, completed('check', { n: 90 }, 'true'), scheduled('yes'), skipped('no'), startedNode('yes')]);
      const events = given.when(cmd('CompleteNode', { ...at, nodeId: 'yes', attempt: 1, output: { big: true } })).run();
      expect(events).toEqual([completed('yes', { big: true }), scheduled('join', 1, 'merge')]);
      const state = events.reduce(decider.evolve, given.state) as ActiveRunState;
      expect(nodeInputs(state, 'join')).toEqual({ yes: { big: true } });
      expect(nodeInput(state, 'join')).toEqual({ big: true });
    });

    it('when the merge completes, then the run succeeds with the merge output', () => {
      const events = spec
        .given([...upToCheck, completed('check', { n: 90 }, 'true'), scheduled('yes'), skipped('no'), completed('yes', { big: true }), scheduled('join', 1, 'merge')])
        .when(cmd('CompleteNode', { ...at, nodeId: 'join', attempt: 1, output: { big: true } }))
        .run();
      expect(events.at(-1)).toEqual({ type: 'workflow.finished', data: { status: 'succeeded', output: { big: true }, finishedAt: now } });
    });

    it('skips propagate down a dead branch of several nodes, and a join of two dead inputs is skipped too', () => {
      const graph: WorkflowGraph = {
        nodes: [node('check', 'if'), node('t'), node('f1'), node('f2'), node('f3'), node('end')],
        edges: [edge('check', 't', 'true'), edge('check', 'f1', 'false'), edge('f1', 'f2'), edge('f1', 'f3'), edge('f2', 'f3'), edge('t', 'end')],
      };
      const events = spec
        .given([started(graph), scheduled('check', 1, 'if')])
        .when(cmd('CompleteNode', { ...at, nodeId: 'check', attempt: 1, output: {}, branch: 'true' }))
        .run();
      expect(events).toEqual([completed('check', {}, 'true'), scheduled('t'), skipped('f1'), skipped('f2'), skipped('f3')]);
    });

    it('refuses a branch the node type does not have', () => {
      expect(spec.given(upToCheck).when(cmd('CompleteNode', { ...at, nodeId: 'check', attempt: 1, output: {}, branch: 'maybe' })).run).toThrow(InvalidInputError);
      expect(spec.given(upToCheck).when(cmd('CompleteNode', { ...at, nodeId: 'check', attempt: 1, output: {} })).run).toThrow(/expected true or false/);
    });
  });

  it('fan-out: every parallel node is scheduled at once and the merge waits for all of them', () => {
    const graph: WorkflowGraph = { nodes: [node('s'), node('p1'), node('p2'), node('m', 'merge')], edges: [edge('s', 'p1'), edge('s', 'p2'), edge('p1', 'm'), edge('p2', 'm')] };
    const afterS = spec.given([started(graph), scheduled('s')]).when(cmd('CompleteNode', { ...at, nodeId: 's', attempt: 1, output: {} })).run();
    expect(afterS).toEqual([completed('s', {}), scheduled('p1'), scheduled('p2')]);
    const history = [started(graph), scheduled('s'), ...afterS];
    const afterP1 = spec.given(history).when(cmd('CompleteNode', { ...at, nodeId: 'p1', attempt: 1, output: { a: 1 } })).run();
    expect(afterP1).toEqual([completed('p1', { a: 1 })]);
    const afterP2 = spec.given([...history, ...afterP1]).when(cmd('CompleteNode', { ...at, nodeId: 'p2', attempt: 1, output: { b: 2 } })).run();
    expect(afterP2).toEqual([completed('p2', { b: 2 }), scheduled('m', 1, 'merge')]);
  });

  it('given a running node, when it fails, then the run fails with the node error', () => {
    const events = spec
      .given([started(linear), scheduled('a'), startedNode('a')])
      .when(cmd('FailNode', { ...at, nodeId: 'a', attempt: 1, error: { code: 'HTTP_500', message: 'server error' } }))
      .run();
    expect(events).toEqual([
      { type: 'node.failed', data: { nodeId: 'a', attempt: 1, error: { code: 'HTTP_500', message: 'server error' }, failedAt: now } },
      { type: 'workflow.finished', data: { status: 'failed', error: { code: 'HTTP_500', message: 'node "a" failed: server error', nodeId: 'a' }, finishedAt: now } },
    ]);
  });

  describe('delay: a durable timer', () => {
    const waiting: RunEvent = { type: 'run.waiting', data: { nodeId: 'a', attempt: 1, timerId: 'r1:a:1', until: '2026-01-01T00:00:30.000Z', output: { x: 1 }, waitingAt: now } };
    const given = [started(linear), scheduled('a'), startedNode('a')];

    it('when a node asks to wait, then run.waiting with a timer id', () => {
      expect(spec.given(given).when(cmd('WaitNode', { ...at, nodeId: 'a', attempt: 1, until: '2026-01-01T00:00:30.000Z', output: { x: 1 } })).run()).toEqual([waiting]);
    });

    it('when the timer fires, then run.resumed, the node completes with its held output, and the run goes on', () => {
      expect(spec.given([...given, waiting]).when(cmd('FireTimer', { ...at, timerId: 'r1:a:1' })).run()).toEqual([
        { type: 'run.resumed', data: { nodeId: 'a', attempt: 1, timerId: 'r1:a:1', resumedAt: now, cause: 'timer' } },
        completed('a', { x: 1 }),
        scheduled('b'),
      ]);
    });

    it('when the timer fires a second time, then nothing (fires once)', () => {
      const resumed: RunEvent = { type: 'run.resumed', data: { nodeId: 'a', attempt: 1, timerId: 'r1:a:1', resumedAt: now } };
      expect(spec.given([...given, waiting, resumed, completed('a', { x: 1 }), scheduled('b')]).when(cmd('FireTimer', { ...at, timerId: 'r1:a:1' })).run()).toEqual([]);
    });

    it('refuses a wait without a valid date', () => {
      expect(spec.given(given).when(cmd('WaitNode', { ...at, nodeId: 'a', attempt: 1, until: 'tomorrow', output: {} })).run).toThrow(InvalidInputError);
    });
  });

  describe('cancel', () => {
    it('given a running run, when cancelled, then it finishes cancelled and later reports are refused', () => {
      const events = spec.given([started(linear), scheduled('a')]).when(cmd('CancelRun', { ...at, reason: 'no longer needed' })).run();
      expect(events).toEqual([{ type: 'workflow.finished', data: { status: 'cancelled', error: { code: 'CANCELLED', message: 'cancelled: no longer needed' }, finishedAt: now } }]);
      const after = spec.given([started(linear), scheduled('a'), ...events]);
      expect(after.when(cmd('StartNode', { ...at, nodeId: 'a', attempt: 1, input: null, workerId: 'w' })).run).toThrow(StaleAttemptError);
      expect(after.when(cmd('CancelRun', at)).run).toThrow(/already cancelled/);
    });
  });
});
