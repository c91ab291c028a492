/** The workload graphs, the same shapes as apps/api/src/e2e/graphs.ts (test code, not built into dist). */

export type Graph = { nodes: { id: string; type: string; config: Record<string, unknown> }[]; edges: { id: string; source: string; target: string; sourceHandle?: string }[] };

const node = (id: string, type: string, config: Record<string, unknown> = {}) => ({ id, type, config });
const edge = (source: string, target: string, sourceHandle?: string) => ({ id: `${source}__${target}`, source, target, ...(sourceHandle ? { sourceHandle } : {}) });

/** n chained set nodes; node i adds field `s<i>` = i + the input's `n`. */
export function linearGraph(length: number): Graph {
  const ids = Array.from({ length }, (_, i) => `s${i + 1}`);
  return {
    nodes: ids.map((id, i) => node(id, 'set', { values: { [id]: `{{ ${i + 1} + n }}` } })),
    edges: ids.slice(1).map((id, i) => edge(ids[i]!, id)),
  };
}

/** start → width parallel set nodes (each adding p<i>) → merge. */
export function fanoutGraph(width: number): Graph {
  const ids = Array.from({ length: width }, (_, i) => `p${i + 1}`);
  return {
    nodes: [node('start', 'set', { values: { started: true } }), ...ids.map((id, i) => node(id, 'set', { values: { [id]: i + 1 }, keepInput: false })), node('join', 'merge')],
    edges: [...ids.map((id) => edge('start', id)), ...ids.map((id) => edge(id, 'join'))],
  };
}

/** check (if n > 50) → big | small → join (merge): the dead branch is skipped. */
export function branchGraph(): Graph {
  return {
    nodes: [
      node('check', 'if', { condition: '{{ n > 50 }}' }),
      node('big', 'set', { values: { size: 'big' } }),
      node('small', 'set', { values: { size: 'small' } }),
      node('join', 'merge'),
    ],
    edges: [edge('check', 'big', 'true'), edge('check', 'small', 'false'), edge('big', 'join'), edge('small', 'join')],
  };
}

/** wait (delay seconds) → after. */
export function delayGraph(seconds: number): Graph {
  return {
    nodes: [node('wait', 'delay', { seconds }), node('after', 'set', { values: { woke: true } })],
    edges: [edge('wait', 'after')],
  };
}

/**
 * The subscription probe: a short delay, then the linear chain. The subscriber is
 * listening before the delay ends, so every set node's node.completed it times
 * is pushed live, not replayed from history at subscription time.
 */
export function probeGraph(delaySeconds: number, length: number): Graph {
  const chain = linearGraph(length);
  return { nodes: [node('wait', 'delay', { seconds: delaySeconds }), ...chain.nodes], edges: [edge('wait', chain.nodes[0]!.id), ...chain.edges] };
}
