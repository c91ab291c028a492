import fc from 'fast-check';
import { DEFAULT_HANDLE, ERROR_HANDLE, type JoinPolicy, type WorkflowEdge, type WorkflowGraph, type WorkflowNode } from '../graph/graph.js';
import type { Json, JsonObject } from '../shared/json.js';

// Random DAGs and worlds for the run property test, and the reference
// evaluator the decider is compared with. The reference is written from the
// documented semantics only: it never calls advanceRun or edgeState.

type Shape = { kind: 'set' } | { kind: 'if' } | { kind: 'switch'; cases: number } | { kind: 'merge'; join: JoinPolicy['kind']; count: number };
type EdgeDraft = { from: number; handle: number; error: boolean };
type NodeDraft = { shape: Shape; retry: number | undefined; root: boolean; incoming: EdgeDraft[]; key: number };

/** A generated acyclic graph with the topological order it was built in (node ids by rank). */
export type RandomDag = { graph: WorkflowGraph; order: readonly string[] };

/** What happens to one attempt of a node. */
export type Attempt = { fails: boolean; retryable: boolean };
/** What a node does whenever it runs: the branch it takes on success, and the fate of each attempt. */
export type Fate = { branch: string; attempts: readonly Attempt[] };
export type World = ReadonlyMap<string, Fate>;

/** A node's declared success handles, as the reference understands them. */
export function branchesOf(node: WorkflowNode): string[] {
  if (node.type === 'if') return ['true', 'false'];
  if (node.type === 'switch') return [...(node.config.cases as string[]), 'default'];
  return [DEFAULT_HANDLE];
}

export function joinOf(node: WorkflowNode): JoinPolicy {
  if (node.type !== 'merge' || node.config.join === 'all' || node.config.join === undefined) return { kind: 'all' };
  return node.config.join === 'first' ? { kind: 'first' } : { kind: 'any', count: Number(node.config.count) };
}

const oneIn = (n: number) => fc.integer({ min: 1, max: n }).map((roll) => roll === n);

const shapeArb: fc.Arbitrary<Shape> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'set' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'if' as const }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }).map((cases) => ({ kind: 'switch' as const, cases })) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('merge' as const),
      join: fc.oneof({ weight: 3, arbitrary: fc.constant('all' as const) }, fc.constant('first' as const), fc.constant('any' as const)),
      count: fc.integer({ min: 1, max: 3 }),
    }),
  },
);

const nodeDraftArb: fc.Arbitrary<NodeDraft> = fc.record({
  shape: shapeArb,
  retry: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }) }),
  root: oneIn(6),
  incoming: fc.array(fc.record({ from: fc.nat(), handle: fc.nat(), error: oneIn(6) }), { minLength: 1, maxLength: 3 }),
  key: fc.nat(),
});

const configOf = (shape: Shape): JsonObject => {
  switch (shape.kind) {
    case 'switch':
      return { cases: Array.from({ length: shape.cases }, (_, i) => `c${i}`) };
    case 'merge':
      return shape.join === 'all' ? {} : shape.join === 'first' ? { join: 'first' } : { join: 'any', count: shape.count };
    default:
      return {};
  }
};

function buildDag(drafts: NodeDraft[]): RandomDag {
  // Ranks are the topological order; ids and the order of `graph.nodes` come from a random key.
  const positions = drafts.map((draft, rank) => ({ rank, key: draft.key })).sort((a, b) => a.key - b.key || a.rank - b.rank);
  const idOfRank: string[] = [];
  positions.forEach(({ rank }, position) => (idOfRank[rank] = `n${position}`));
  const nodeOfRank = drafts.map(
    (draft, rank): WorkflowNode => ({
      id: idOfRank[rank]!,
      type: draft.shape.kind,
      config: configOf(draft.shape),
      ...(draft.retry ? { retry: { maxAttempts: draft.retry, backoff: 'fixed', initialIntervalMs: 1000, maxIntervalMs: 1000, jitter: 0 } } : {}),
    }),
  );
  const edges: WorkflowEdge[] = [];
  drafts.forEach((draft, rank) => {
    if (rank === 0 || draft.root) return;
    for (const { from, handle, error } of draft.incoming) {
      const source = nodeOfRank[from % rank]!;
      const branches = branchesOf(source);
      const sourceHandle = error ? ERROR_HANDLE : branches[handle % branches.length]!;
      edges.push({ id: `e${edges.length}`, source: source.id, target: idOfRank[rank]!, ...(sourceHandle === DEFAULT_HANDLE ? {} : { sourceHandle }) });
    }
  });
  return { graph: { nodes: positions.map(({ rank }) => nodeOfRank[rank]!), edges }, order: idOfRank };
}

/** Random valid DAGs of 2–25 nodes: set / if / switch / merge, edges only to later ranks, some error edges and retry policies. */
const dagArb: fc.Arbitrary<RandomDag> = fc.array(nodeDraftArb, { minLength: 2, maxLength: 25, size: 'max' }).map(buildDag);

type WorldDraft = { failPercent: number; nodes: { branch: number; attempts: { roll: number; retryable: boolean }[] }[] };

/** Per node (by rank): a branch pick, and three attempts that each fail at the world's failure rate. */
const worldDraftArb: fc.Arbitrary<WorldDraft> = fc.record({
  failPercent: fc.constantFrom(0, 5, 12, 30),
  nodes: fc.array(
    fc.record({
      branch: fc.nat(),
      attempts: fc.array(fc.record({ roll: fc.integer({ min: 0, max: 99 }), retryable: fc.boolean() }), { minLength: 3, maxLength: 3 }),
    }),
    { minLength: 25, maxLength: 25 },
  ),
});

function worldOf(dag: RandomDag, draft: WorldDraft): World {
  const nodes = new Map(dag.graph.nodes.map((n) => [n.id, n]));
  return new Map(
    dag.order.map((id, rank) => {
      const { branch, attempts } = draft.nodes[rank]!;
      const branches = branchesOf(nodes.get(id)!);
      return [id, { branch: branches[branch % branches.length]!, attempts: attempts.map(({ roll, retryable }) => ({ fails: roll >= 100 - draft.failPercent, retryable })) }];
    }),
  );
}

/** A random DAG, a random world, and the numbers that pick the order work is reported in. */
export type Scenario = { dag: RandomDag; world: World; picks: readonly number[] };

export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({ dag: dagArb, world: worldDraftArb, picks: fc.array(fc.nat({ max: 0xffff }), { maxLength: 300, size: 'max' }) })
  .map(({ dag, world, picks }) => ({ dag, world: worldOf(dag, world), picks }));

/** A node's outcome: `handled` failures go on along the node's error edges, the others fail the run. */
export type Outcome = { kind: 'completed'; branch: string; attempts: number } | { kind: 'failed'; attempts: number; handled: boolean } | { kind: 'skipped' };
export type ReferenceRun = { status: 'succeeded' | 'failed'; outcomes: ReadonlyMap<string, Outcome>; output: Json };

/** An edge carries a value when its source took the edge's handle: a success branch, or `error` after failing for good. */
export function edgeLive(edge: WorkflowEdge, source: Outcome): boolean {
  const handle = edge.sourceHandle ?? DEFAULT_HANDLE;
  if (source.kind === 'completed') return handle === source.branch;
  return source.kind === 'failed' && handle === ERROR_HANDLE;
}

/**
 * What a join does given what its sources did so far (undefined: not decided yet).
 * all: waits for every source, then runs when one edge is live; first: runs on the
 * first live edge; any n: runs on n live edges, or with fewer once nothing is pending.
 * Whatever the order sources settle in, a join runs exactly when one edge ends up live.
 */
export function joinDecision(join: JoinPolicy, incoming: readonly WorkflowEdge[], outcomeOf: (id: string) => Outcome | undefined): 'run' | 'skip' | 'wait' {
  if (incoming.length === 0) return 'run';
  let live = 0;
  let pending = 0;
  for (const edge of incoming) {
    const source = outcomeOf(edge.source);
    if (source === undefined) pending += 1;
    else if (edgeLive(edge, source)) live += 1;
  }
  const needed = join.kind === 'first' ? 1 : join.kind === 'any' ? join.count : Number.POSITIVE_INFINITY;
  if (live >= needed) return 'run';
  if (pending > 0) return 'wait';
  return live > 0 ? 'run' : 'skip';
}

/**
 * Runs the whole graph in topological order, without stopping at a failure
 * that fails the run: the result says what every node would do. A run with
 * an unhandled failure fails; the engine may stop before reaching some nodes.
 */
export function referenceRun(dag: RandomDag, world: World): ReferenceRun {
  const nodes = new Map(dag.graph.nodes.map((n) => [n.id, n]));
  const outcomes = new Map<string, Outcome>();
  for (const id of dag.order) {
    const node = nodes.get(id)!;
    const incoming = dag.graph.edges.filter((e) => e.target === id);
    if (joinDecision(joinOf(node), incoming, (source) => outcomes.get(source)) !== 'run') {
      outcomes.set(id, { kind: 'skipped' });
      continue;
    }
    outcomes.set(id, attemptsOf(id, node, dag.graph.edges, world.get(id)!));
  }
  const fatal = [...outcomes.values()].some((o) => o.kind === 'failed' && !o.handled);
  const sinks = dag.order.filter((id) => !dag.graph.edges.some((e) => e.source === id) && outcomes.get(id)?.kind === 'completed');
  const output = sinks.length === 1 ? outputOf(sinks[0]!) : Object.fromEntries(sinks.map((id) => [id, outputOf(id)]));
  return { status: fatal ? 'failed' : 'succeeded', outcomes, output };
}

function attemptsOf(id: string, node: WorkflowNode, edges: readonly WorkflowEdge[], fate: Fate): Outcome {
  const maxAttempts = node.retry?.maxAttempts ?? 1;
  for (let attempt = 1; ; attempt += 1) {
    const { fails, retryable } = fate.attempts[attempt - 1]!;
    if (!fails) return { kind: 'completed', branch: fate.branch, attempts: attempt };
    if (!(retryable && attempt < maxAttempts)) {
      return { kind: 'failed', attempts: attempt, handled: edges.some((e) => e.source === id && e.sourceHandle === ERROR_HANDLE) };
    }
  }
}

/** The output every node completes with in the property test. */
export const outputOf = (nodeId: string): Json => ({ from: nodeId });

/**
 * Turns generated numbers into choices; once they run out, always the first
 * option (so shrinking toward fewer numbers shrinks toward a plain order).
 */
export function chooser(picks: readonly number[]) {
  let next = 0;
  const take = () => (next < picks.length ? picks[next++]! : 0);
  return {
    /** An index below `n`. */
    index: (n: number): number => take() % n,
    /** True about once in `n`; never once the numbers ran out. */
    oneIn: (n: number): boolean => take() % n === n - 1,
  };
}
