/**
 * Completions for `{{ … }}` expressions (README "Expressions"): `$trigger` is the run input,
 * `$nodes.<id>` the output of a node that ran before this one, `$run` the run's ids.
 * Pure: from the text, the cursor, the graph and the outputs known so far.
 */
export type Completion = { label: string; detail: string };

export type CompletionSources = {
  /** A sample of the run input (the last one typed in the run dialog). */
  trigger?: unknown;
  /** The selected node's ancestors, nearest first, with their last known output. */
  upstream: { id: string; output?: unknown }[];
};

export type CompletionResult = { from: number; to: number; items: Completion[] };

const RUN_FIELDS = ['runId', 'workflowId', 'nodeId', 'attempt'] as const;
const MAX_DEPTH = 2;
const MAX_ITEMS = 50;

/** `.key`, or `.`key`` when the key is not a plain JSONata name (ids may hold `-`). */
export const pathSegment = (key: string): string => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `.\`${key}\``);

/** Every ancestor of `nodeId` along the edges, nearest first (breadth-first), without the node itself. */
export function upstreamOf(nodeId: string, edges: readonly { source: string; target: string }[]): string[] {
  const seen = new Set([nodeId]);
  const order: string[] = [];
  let frontier = [nodeId];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier)
      for (const edge of edges)
        if (edge.target === id && !seen.has(edge.source)) {
          seen.add(edge.source);
          order.push(edge.source);
          next.push(edge.source);
        }
    frontier = next;
  }
  return order;
}

function fieldPaths(base: string, value: unknown, depth: number, detail: string): Completion[] {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => {
    const label = base + pathSegment(key);
    return [{ label, detail }, ...fieldPaths(label, inner, depth + 1, detail)];
  });
}

/** Every completion the sources offer, in a stable order: trigger, upstream nodes, run. */
export function allCompletions(sources: CompletionSources): Completion[] {
  return [
    { label: '$trigger', detail: 'run input' },
    ...fieldPaths('$trigger', sources.trigger, 1, 'run input'),
    ...sources.upstream.flatMap(({ id, output }) => {
      const label = `$nodes${pathSegment(id)}`;
      return [{ label, detail: output === undefined ? 'upstream output' : 'upstream output (last run)' }, ...fieldPaths(label, output, 1, `output of ${id}`)];
    }),
    ...RUN_FIELDS.map((field) => ({ label: `$run.${field}`, detail: 'run' })),
    { label: '$input', detail: "this node's input" },
  ];
}

/** Where the expression being typed starts: after an unclosed `{{` before the cursor, or undefined outside one. */
export function openExpressionAt(text: string, cursor: number): number | undefined {
  const before = text.slice(0, cursor);
  const open = before.lastIndexOf('{{');
  if (open < 0 || before.indexOf('}}', open + 2) >= 0) return undefined;
  return open + 2;
}

/**
 * The completions at the cursor: the word being typed (`$no`, `$nodes.set_1.gr`) is
 * replaced from `from` to `to` by the chosen label. Undefined outside an expression or
 * when nothing matches.
 */
export function completionsAt(text: string, cursor: number, sources: CompletionSources): CompletionResult | undefined {
  const start = openExpressionAt(text, cursor);
  if (start === undefined) return undefined;
  let from = cursor;
  while (from > start && /[A-Za-z0-9_$.`]/.test(text[from - 1]!)) from -= 1;
  let to = cursor;
  while (to < text.length && /[A-Za-z0-9_`]/.test(text[to]!)) to += 1;
  const word = text.slice(from, cursor);
  const candidates = allCompletions(sources);
  const items = word === '' ? candidates.filter((c) => c.label.split('.').length <= 2) : candidates.filter((c) => c.label.startsWith(word) && c.label !== word);
  return items.length === 0 ? undefined : { from, to, items: items.slice(0, MAX_ITEMS) };
}

/** The text after choosing `label`, and where the cursor goes. */
export function applyCompletion(text: string, result: Pick<CompletionResult, 'from' | 'to'>, label: string): { text: string; cursor: number } {
  return { text: text.slice(0, result.from) + label + text.slice(result.to), cursor: result.from + label.length };
}
