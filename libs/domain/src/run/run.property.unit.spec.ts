import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HANDLE, type WorkflowEdge, type WorkflowGraph } from '../graph/graph.js';
import { validateGraph } from '../graph/validate-graph.js';
import { StaleAttemptError } from '../shared/errors.js';
import { meta, testCatalog } from '../testing/decider-spec.js';
import type { RunCommand } from './run.commands.js';
import { createRunDecider } from './run.decider.js';
import type { RunEvent } from './run.events.js';
import { chooser, edgeLive, joinDecision, joinOf, outputOf, referenceRun, scenarioArb, type Attempt, type Outcome, type RandomDag, type Scenario, type World } from './run.property.test-helpers.js';
import { TERMINAL_NODE_STATUSES, type ActiveRunState, type NodeState, type RunState } from './run.state.js';

const decider = createRunDecider(testCatalog);
const runId = 'r1';

/** Throws with `message` unless `condition` holds: cheaper than `expect` in loops run a million times. */
function check(condition: boolean, message: () => string): asserts condition {
  if (!condition) throw new Error(message());
}

const send = (state: RunState, type: RunCommand['type'], data: RunCommand['data']): { command: RunCommand; events: RunEvent[] } => {
  const command = { type, data, metadata: meta() } as RunCommand;
  return { command, events: decider.decide(command, state) };
};

/** What the engine says a settled node did, in the reference's terms; undefined while it is not settled (or was cancelled). */
function engineOutcome(node: NodeState, failed: RunEvent | undefined): Outcome | undefined {
  switch (node.status) {
    case 'completed':
      return { kind: 'completed', branch: node.branch ?? DEFAULT_HANDLE, attempts: node.attempt };
    case 'failed':
      return { kind: 'failed', attempts: node.attempt, handled: failed?.type === 'node.failed' && failed.data.handled === true };
    case 'skipped':
      return { kind: 'skipped' };
    default:
      return undefined;
  }
}

const incomingOf = (graph: WorkflowGraph): Map<string, WorkflowEdge[]> =>
  new Map(graph.nodes.map((n) => [n.id, graph.edges.filter((e) => e.target === n.id)]));

const outcomesIn = (state: ActiveRunState) => (id: string) => engineOutcome(state.nodes[id]!, undefined);

/** After every decision of a running run, no pending node is ready to run or to be skipped: the decider advanced as far as it could. */
function checkAdvanced(state: ActiveRunState, dag: RandomDag, incoming: Map<string, WorkflowEdge[]>): void {
  for (const node of dag.graph.nodes) {
    if (state.nodes[node.id]?.status !== 'pending') continue;
    const decision = joinDecision(joinOf(node), incoming.get(node.id)!, outcomesIn(state));
    check(decision === 'wait', () => `node "${node.id}" is pending although the reference would ${decision} it now`);
  }
}

/**
 * A first attempt is scheduled, or a node skipped, only when the join rule says
 * so of the state it is decided on; a join that starts before all its inputs
 * settled takes its input from exactly the sources whose edges are live by then.
 */
function checkDecided(event: RunEvent, state: ActiveRunState, dag: RandomDag, incoming: Map<string, WorkflowEdge[]>): void {
  if (event.type !== 'node.skipped' && !(event.type === 'node.scheduled' && event.data.attempt === 1)) return;
  const { nodeId } = event.data;
  const edges = incoming.get(nodeId)!;
  const outcomeOf = outcomesIn(state);
  const decision = joinDecision(joinOf(state.index.nodes.get(nodeId)!), edges, outcomeOf);
  check(decision === (event.type === 'node.skipped' ? 'skip' : 'run'), () => `${event.type} of "${nodeId}" when the reference would ${decision}`);
  if (event.type !== 'node.scheduled') return;
  const early = edges.some((e) => outcomeOf(e.source) === undefined);
  const live = edges.filter((e) => {
    const source = outcomeOf(e.source);
    return source !== undefined && edgeLive(e, source);
  });
  const expected = early ? [...new Set(live.map((e) => e.source))].sort() : undefined;
  const sources = event.data.sources && [...event.data.sources].sort();
  check(JSON.stringify(sources) === JSON.stringify(expected), () => `"${nodeId}" was scheduled with sources ${JSON.stringify(sources)}; expected ${JSON.stringify(expected)}`);
}

/**
 * Plays the run through the real decider, applying every decided event: in a
 * random order, it reports each scheduled node's attempt as the world says,
 * sometimes starts it first, fires retry timers, and now and then repeats an
 * earlier report (an at-least-once delivery), which must change nothing.
 */
function drive({ dag, world, picks }: Scenario): { state: ActiveRunState; events: RunEvent[]; echoes: number } {
  const choose = chooser(picks);
  const incoming = incomingOf(dag.graph);
  const started = send(decider.initialState(), 'StartRun', { runId, workflowId: 'w1', workflowVersion: 1, graph: dag.graph, input: {} }).events;
  const events: RunEvent[] = [started[0]!];
  // Once started, a run's state stays active: evolve never goes back to `none`.
  let state = decider.evolve(decider.initialState(), started[0]!) as ActiveRunState;
  const reports: RunCommand[] = [];
  const apply = (decided: RunEvent[]) => {
    for (const event of decided) {
      checkDecided(event, state, dag, incoming);
      events.push(event);
      state = decider.evolve(state, event) as ActiveRunState;
    }
  };
  apply(started.slice(1));
  const repeat = (command: RunCommand): void => {
    const what = () => `a repeated ${command.type} ${JSON.stringify(command.data)}`;
    let decided: RunEvent[];
    try {
      decided = decider.decide(command, state);
    } catch (error) {
      check(error instanceof StaleAttemptError, () => `${what()} threw ${String(error)}`);
      check(!isRepeatOfSettled(command, state), () => `${what()} was refused as stale though its attempt is settled: ${String(error)}`);
      return;
    }
    check(decided.length === 0, () => `${what()} decided ${decided.map((e) => e.type).join(', ')}`);
  };
  const report = (type: RunCommand['type'], data: RunCommand['data']) => {
    const sent = send(state, type, data);
    reports.push(sent.command);
    apply(sent.events);
  };

  let echoes = 0;
  for (let step = 0; state.status === 'running'; step += 1) {
    check(step < 1000, () => 'the run did not finish in 1000 steps');
    checkAdvanced(state, dag, incoming);
    if (reports.length > 0 && choose.oneIn(8)) {
      repeat(reports[choose.index(reports.length)]!);
      echoes += 1;
      continue;
    }
    const work = Object.entries(state.nodes).filter(([, n]) => n.status === 'scheduled' || n.status === 'running' || n.status === 'retrying');
    check(work.length > 0, () => 'the run is running with nothing scheduled, running or retrying: it is stuck');
    const [nodeId, node] = work[choose.index(work.length)]!;
    const { attempt } = node;
    if (node.status === 'retrying') report('FireTimer', { runId, timerId: node.timerId! });
    else if (node.status === 'scheduled' && choose.oneIn(4)) report('StartNode', { runId, nodeId, attempt, input: null, workerId: 'worker-1' });
    else reportAttempt(world, nodeId, attempt, state, report);
  }
  for (const command of reports) repeat(command);
  // A late result of an attempt the finished run cancelled is refused.
  for (const [nodeId, node] of Object.entries(state.nodes)) {
    if (node.status !== 'cancelled' || node.attempt === 0) continue;
    const late = () => send(state, 'CompleteNode', { runId, nodeId, attempt: node.attempt, output: null });
    check(throwsStale(late), () => `a late result of cancelled "${nodeId}" attempt ${node.attempt} was not refused`);
  }
  return { state, events, echoes };
}

function throwsStale(act: () => unknown): boolean {
  try {
    act();
    return false;
  } catch (error) {
    return error instanceof StaleAttemptError;
  }
}

/** A result reported again for the attempt the node is still at, settled by that very result: it must decide nothing, not be refused. */
function isRepeatOfSettled(command: RunCommand, state: ActiveRunState): boolean {
  if (command.type !== 'CompleteNode' && command.type !== 'FailNode') return false;
  const node = state.nodes[command.data.nodeId]!;
  return node.attempt === command.data.attempt && ['completed', 'failed', 'retrying'].includes(node.status);
}

function reportAttempt(world: World, nodeId: string, attempt: number, state: ActiveRunState, report: (type: RunCommand['type'], data: RunCommand['data']) => void): void {
  const fate = world.get(nodeId)!;
  const outcome = fate.attempts[attempt - 1];
  check(outcome !== undefined, () => `node "${nodeId}" runs attempt ${attempt}, past what its retry policy allows`);
  if (outcome.fails) {
    report('FailNode', { runId, nodeId, attempt, error: { code: 'EXECUTION', message: `attempt ${attempt} failed`, retryable: outcome.retryable } });
    return;
  }
  const branching = ['if', 'switch'].includes(state.index.nodes.get(nodeId)!.type);
  report('CompleteNode', { runId, nodeId, attempt, output: outputOf(nodeId), ...(branching ? { branch: fate.branch } : {}) });
}

/**
 * Every node's attempts are scheduled 1, 2, 3 in order, each after the previous
 * one's retry, within its retry policy; each attempt settles at most once and
 * only after it was scheduled; a skipped node never runs; nothing follows the finish.
 */
function checkHistory(events: readonly RunEvent[], dag: RandomDag): void {
  check(events[0]?.type === 'workflow.started', () => 'the history does not open with workflow.started');
  const finishedAt = events.findIndex((e) => e.type === 'workflow.finished');
  check(finishedAt === events.length - 1, () => `workflow.finished at ${finishedAt} of ${events.length} events`);
  const nodes = new Map(dag.graph.nodes.map((n) => [n.id, { attempt: 0, settled: undefined as RunEvent['type'] | undefined, skipped: false }]));
  for (const event of events.slice(1, -1)) {
    check('nodeId' in event.data, () => `unexpected ${event.type} mid-run`);
    const { nodeId } = event.data;
    const node = nodes.get(nodeId)!;
    const at = () => `${event.type} of "${nodeId}" attempt ${'attempt' in event.data ? event.data.attempt : '-'} (node at attempt ${node.attempt}, ${node.settled ?? 'unsettled'})`;
    switch (event.type) {
      case 'node.scheduled':
        check(!node.skipped && event.data.attempt === node.attempt + 1, at);
        check(node.attempt === 0 || node.settled === 'node.retrying', at);
        node.attempt = event.data.attempt;
        node.settled = undefined;
        break;
      case 'node.started':
        check(event.data.attempt === node.attempt && node.settled === undefined, at);
        break;
      case 'node.completed':
      case 'node.failed':
      case 'node.retrying':
        check(event.data.attempt === node.attempt && node.attempt > 0 && node.settled === undefined, at);
        node.settled = event.type;
        break;
      case 'node.skipped':
        check(node.attempt === 0 && !node.skipped, at);
        node.skipped = true;
        break;
      default:
        check(false, at);
    }
  }
  for (const node of dag.graph.nodes) {
    const { attempt } = nodes.get(node.id)!;
    check(attempt <= (node.retry?.maxAttempts ?? 1), () => `"${node.id}" was scheduled ${attempt} times; its policy allows ${node.retry?.maxAttempts ?? 1}`);
  }
}

/** The engine's run against the reference: exactly, when it succeeded; what is order-independent, when it failed. */
function checkAgainstReference(state: ActiveRunState, events: readonly RunEvent[], scenario: Scenario): void {
  const reference = referenceRun(scenario.dag, scenario.world);
  expect(state.status).toBe(reference.status);
  for (const [id, node] of Object.entries(state.nodes)) check(TERMINAL_NODE_STATUSES.has(node.status), () => `"${id}" ended ${node.status}`);
  const failedEvents = new Map(events.flatMap((e) => (e.type === 'node.failed' ? [[e.data.nodeId, e] as const] : [])));
  const outcomes = Object.fromEntries(Object.entries(state.nodes).map(([id, node]) => [id, engineOutcome(node, failedEvents.get(id))]));
  if (state.status === 'succeeded') {
    expect(outcomes).toEqual(Object.fromEntries(reference.outcomes));
    expect(state.output).toEqual(reference.output);
    return;
  }
  const failing = state.error?.nodeId ?? '';
  expect(reference.outcomes.get(failing), `the run failed at "${failing}"`).toMatchObject({ kind: 'failed', handled: false });
  expect(outcomes[failing]).toEqual(reference.outcomes.get(failing));
  for (const [id, node] of Object.entries(state.nodes)) {
    const settled = outcomes[id];
    if (settled) expect(settled, `"${id}" settled`).toEqual(reference.outcomes.get(id));
    else if (node.attempt > 0) expect(reference.outcomes.get(id)?.kind, `"${id}" ran`).not.toBe('skipped');
  }
}

describe('reference evaluator', () => {
  const retry = { maxAttempts: 2, backoff: 'fixed' as const, initialIntervalMs: 1000, maxIntervalMs: 1000, jitter: 0 };
  const dag: RandomDag = {
    graph: {
      nodes: [{ id: 'a', type: 'if', config: {} }, { id: 'b', type: 'set', config: {}, retry }, { id: 'c', type: 'set', config: {} }, { id: 'r', type: 'set', config: {} }, { id: 'm', type: 'merge', config: {} }],
      edges: [
        { id: 'e0', source: 'a', target: 'b', sourceHandle: 'true' },
        { id: 'e1', source: 'a', target: 'c', sourceHandle: 'false' },
        { id: 'e2', source: 'b', target: 'r', sourceHandle: 'error' },
        { id: 'e3', source: 'b', target: 'm' },
        { id: 'e4', source: 'c', target: 'm' },
        { id: 'e5', source: 'r', target: 'm' },
      ],
    },
    order: ['a', 'b', 'c', 'r', 'm'],
  };
  const ok = { fails: false, retryable: false };
  const world = (b: Attempt[]): World => new Map(dag.order.map((id) => [id, { branch: id === 'a' ? 'true' : DEFAULT_HANDLE, attempts: id === 'b' ? b : [ok] }]));

  it('follows the branch taken, retries, and skips the error path of a node that succeeded', () => {
    const run = referenceRun(dag, world([{ fails: true, retryable: true }, ok]));
    expect(Object.fromEntries(run.outcomes)).toEqual({
      a: { kind: 'completed', branch: 'true', attempts: 1 },
      b: { kind: 'completed', branch: DEFAULT_HANDLE, attempts: 2 },
      c: { kind: 'skipped' },
      r: { kind: 'skipped' },
      m: { kind: 'completed', branch: DEFAULT_HANDLE, attempts: 1 },
    });
    expect(run).toMatchObject({ status: 'succeeded', output: { from: 'm' } });
  });

  it('takes the error edge of a node that failed for good, and fails the run on a failure without one', () => {
    const handled = referenceRun(dag, world([{ fails: true, retryable: false }]));
    expect(handled.outcomes.get('b')).toEqual({ kind: 'failed', attempts: 1, handled: true });
    expect([handled.status, handled.outcomes.get('r')?.kind, handled.outcomes.get('m')?.kind]).toEqual(['succeeded', 'completed', 'completed']);
    const fatal = referenceRun({ ...dag, graph: { ...dag.graph, edges: dag.graph.edges.filter((e) => e.id !== 'e2') } }, world([{ fails: true, retryable: true }, { fails: true, retryable: true }]));
    expect([fatal.status, fatal.outcomes.get('b')]).toEqual(['failed', { kind: 'failed', attempts: 2, handled: false }]);
  });
});

describe('run decider over random graphs (property)', () => {
  it('runs the nodes a reference evaluator runs, each attempt once, in any order of reports', () => {
    const seen = { succeeded: 0, failed: 0, retried: 0, handled: 0, earlyJoins: 0, echoes: 0 };
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        expect(validateGraph(scenario.dag.graph, testCatalog, 'publish')).toMatchObject({ ok: true });
        const { state, events, echoes } = drive(scenario);
        checkHistory(events, scenario.dag);
        checkAgainstReference(state, events, scenario);
        seen[state.status === 'succeeded' ? 'succeeded' : 'failed'] += 1;
        if (events.some((e) => e.type === 'node.retrying')) seen.retried += 1;
        if (events.some((e) => e.type === 'node.failed' && e.data.handled)) seen.handled += 1;
        if (events.some((e) => e.type === 'node.scheduled' && e.data.sources)) seen.earlyJoins += 1;
        seen.echoes += echoes;
      }),
      { numRuns: 1000 },
    );
    // The generators reach what the property is about.
    expect(seen.succeeded).toBeGreaterThan(250);
    expect(seen.failed).toBeGreaterThan(100);
    expect(Math.min(seen.retried, seen.handled, seen.earlyJoins)).toBeGreaterThan(30);
    expect(seen.echoes).toBeGreaterThan(500);
  });
});
