/** Workflow graphs used by the end-to-end tests (and the benchmarks). */

/** A graph node; `extra` holds node-level settings such as `retry` or `timeoutMs`. */
export const node = (id: string, type: string, config: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({ id, type, config, ...extra });
/** An edge `source__target`, leaving by `sourceHandle` when given. */
export const edge = (source: string, target: string, sourceHandle?: string) => ({ id: `${source}__${target}`, source, target, ...(sourceHandle ? { sourceHandle } : {}) });

/** n chained set nodes; node i adds field `s<i>` = i + the input's `n`. */
export function linearGraph(length: number) {
  const ids = Array.from({ length }, (_, i) => `s${i + 1}`);
  return {
    nodes: ids.map((id, i) => node(id, 'set', { values: { [id]: `{{ ${i + 1} + n }}` } })),
    edges: ids.slice(1).map((id, i) => edge(ids[i]!, id)),
  };
}

/** start → width parallel set nodes (each adding p<i>) → merge (combine). */
export function fanoutGraph(width: number) {
  const ids = Array.from({ length: width }, (_, i) => `p${i + 1}`);
  return {
    nodes: [node('start', 'set', { values: { started: true } }), ...ids.map((id, i) => node(id, 'set', { values: { [id]: i + 1 }, keepInput: false })), node('join', 'merge')],
    edges: [...ids.map((id) => edge('start', id)), ...ids.map((id) => edge(id, 'join'))],
  };
}

/** check (if n > 50) → big | small → join (merge): a diamond whose dead branch is skipped. */
export function branchGraph() {
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

/** A root HTTP GET to `url` followed by a set node: used to keep runs in flight for fault tests. */
export function slowHttpGraph(url: string) {
  return {
    nodes: [node('call', 'http', { url, method: 'GET' }), node('after', 'set', { values: { done: true } })],
    edges: [edge('call', 'after')],
  };
}

/** wait (delay seconds) → after. */
export function delayGraph(seconds: number) {
  return {
    nodes: [node('wait', 'delay', { seconds }), node('after', 'set', { values: { woke: true } })],
    edges: [edge('wait', 'after')],
  };
}

/** width parallel HTTP GETs to `url` (h1…h<width>, 5-minute timeout) → after (merge): a run that stays in flight until cancelled. */
export function hangingFanoutGraph(url: string, width: number) {
  const ids = Array.from({ length: width }, (_, i) => `h${i + 1}`);
  return {
    nodes: [...ids.map((id) => node(id, 'http', { url, method: 'GET', timeoutMs: 300_000 })), node('after', 'merge')],
    edges: ids.map((id) => edge(id, 'after')),
  };
}
