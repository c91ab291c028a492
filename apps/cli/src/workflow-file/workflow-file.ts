import { orderKeys, sortKeysDeep } from './canonical-order.js';

/** Written at the top of every exported file; an imported file may leave it out. */
export const FILE_FORMAT = 'weft-workflow/1';

/**
 * A workflow as a file (YAML or JSON): what `weft export` writes and `weft import` reads.
 * `nodes`, `edges` and `settings` make the draft graph as the GraphQL API takes it;
 * `triggers` are as `setWorkflowTriggers` takes them (webhooks without secrets).
 */
export type WorkflowFile = {
  format: typeof FILE_FORMAT;
  id?: string;
  name: string;
  description: string;
  settings?: Record<string, unknown>;
  triggers: unknown[];
  nodes: unknown[];
  edges: unknown[];
};

/** What a file asks for, mapped to GraphQL inputs. `description` and `triggers`: undefined when the file leaves them out (unchanged on update). */
export type WorkflowDefinition = {
  id?: string;
  name: string;
  description?: string;
  graph: { nodes: unknown[]; edges: unknown[]; settings?: Record<string, unknown> };
  triggers?: unknown[];
};

/** The order of keys in a file: short, identifying fields first, the graph last. Keys not listed follow alphabetically. */
export const FILE_KEYS = ['format', 'id', 'name', 'description', 'settings', 'triggers', 'nodes', 'edges'] as const;
export const NODE_KEYS = ['id', 'type', 'name', 'position', 'timeoutMs', 'retry', 'config'] as const;
export const EDGE_KEYS = ['id', 'source', 'sourceHandle', 'target'] as const;
export const TRIGGER_KEYS = ['id', 'kind', 'cron', 'timezone', 'misfire', 'paused', 'at', 'name', 'filter', 'workflowId', 'signed', 'input'] as const;

type Obj = Record<string, unknown>;
const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A workflow of the API as a file, with a stable key order (free-form objects such as
 * `config` and `input` sorted alphabetically) so that files diff well. Pure.
 */
export function fileFromWorkflow(workflow: { id: string; name: string; description: string; draft: unknown; triggers: unknown }): WorkflowFile {
  const draft = isObject(workflow.draft) ? workflow.draft : {};
  const settings = isObject(draft.settings) && Object.keys(draft.settings).length ? (sortKeysDeep(draft.settings) as Obj) : undefined;
  const file = {
    format: FILE_FORMAT,
    id: workflow.id,
    name: workflow.name,
    description: workflow.description,
    settings,
    triggers: (Array.isArray(workflow.triggers) ? workflow.triggers : []).map((t) => orderKeys(t, TRIGGER_KEYS)),
    nodes: (Array.isArray(draft.nodes) ? draft.nodes : []).map((n) => orderKeys(n, NODE_KEYS)),
    edges: (Array.isArray(draft.edges) ? draft.edges : []).map((e) => orderKeys(e, EDGE_KEYS)),
  };
  return orderKeys(file, FILE_KEYS, false) as WorkflowFile;
}

/**
 * Checks a parsed file's shape and maps it to what the API takes. Graph and trigger
 * contents are checked later (the same checks as the API's); here: the file is an
 * object of known keys, with a name, and nodes and edges without misspelt keys
 * (the API would drop them silently). Pure.
 * @returns the problems found, each `path: what is wrong`; none when `definition` is set.
 */
export function definitionFromFile(raw: unknown): { definition: WorkflowDefinition; problems: [] } | { definition?: undefined; problems: string[] } {
  if (!isObject(raw)) return { problems: ['must be a mapping (YAML) or an object (JSON) with a name, nodes and edges'] };
  const problems: string[] = [];
  for (const key of Object.keys(raw)) if (!(FILE_KEYS as readonly string[]).includes(key)) problems.push(`${key}: unknown key (keys: ${FILE_KEYS.join(', ')})`);
  if (raw.format !== undefined && raw.format !== FILE_FORMAT) problems.push(`format: must be "${FILE_FORMAT}", not ${JSON.stringify(raw.format)}`);
  if (raw.id !== undefined && (typeof raw.id !== 'string' || !raw.id)) problems.push('id: must be the id of a workflow (a string), or left out');
  if (typeof raw.name !== 'string' || !raw.name.trim()) problems.push('name: is required: a non-empty string');
  if (raw.description !== undefined && typeof raw.description !== 'string') problems.push('description: must be a string');
  if (raw.settings !== undefined && raw.settings !== null && !isObject(raw.settings)) problems.push('settings: must be a mapping such as { timeoutMs: 60000 }');
  if (raw.triggers !== undefined && !Array.isArray(raw.triggers)) problems.push('triggers: must be a list');
  for (const [list, known] of [['nodes', NODE_KEYS], ['edges', EDGE_KEYS]] as const) {
    const items = raw[list];
    if (items === undefined) continue;
    if (!Array.isArray(items)) {
      problems.push(`${list}: must be a list`);
      continue;
    }
    items.forEach((item, index) => {
      if (!isObject(item)) return; // the graph check names it
      const unknown = Object.keys(item).find((key) => !(known as readonly string[]).includes(key));
      const id = typeof item.id === 'string' ? ` (${list === 'nodes' ? 'node' : 'edge'} "${item.id}")` : '';
      if (unknown) problems.push(`${list}[${index}].${unknown}${id}: unknown key (keys: ${known.join(', ')})`);
    });
  }
  if (problems.length) return { problems };
  const settings = isObject(raw.settings) ? raw.settings : undefined;
  const definition: WorkflowDefinition = {
    name: (raw.name as string).trim(),
    graph: { nodes: (raw.nodes as unknown[] | undefined) ?? [], edges: (raw.edges as unknown[] | undefined) ?? [], ...(settings ? { settings } : {}) },
  };
  if (typeof raw.id === 'string') definition.id = raw.id;
  if (typeof raw.description === 'string') definition.description = raw.description;
  if (Array.isArray(raw.triggers)) definition.triggers = raw.triggers;
  return { definition, problems: [] };
}
