import { cronChecks } from '@weft/engine';
import { checkExpressionSyntax, defaultRegistry } from '@weft/nodes';
import { describe, expect, it } from 'vitest';
import { checkDefinition, lenientCatalog, type DefinitionChecks } from './check-definition.js';
import type { WorkflowDefinition } from './workflow-file.js';

const checks: DefinitionChecks = { catalog: defaultRegistry().toCatalog(), triggers: { ...cronChecks, expression: (source) => checkExpressionSyntax(source) } };
const now = '2026-06-01T12:00:00.000Z';

const definition = (graph: WorkflowDefinition['graph'], triggers?: unknown[]): WorkflowDefinition => ({ name: 'w', graph, ...(triggers ? { triggers } : {}) });
const valid = definition({ nodes: [{ id: 'a', type: 'set', config: { values: { x: 1 } }, retry: { maxAttempts: 2 } }, { id: 'b', type: 'delay', config: { seconds: 1 } }], edges: [{ id: 'e1', source: 'a', target: 'b' }] });

describe('checking a file before anything changes', () => {
  it('accepts a valid definition and gives its graph as the API stores it (retry policies completed)', () => {
    const result = checkDefinition(valid, checks, { publish: true, now });
    expect(result.problems).toEqual([]);
    expect(result.graph?.nodes[0]?.retry).toEqual({ maxAttempts: 2, backoff: 'exponential', initialIntervalMs: 1000, maxIntervalMs: 60000, jitter: 0.2 });
  });

  it('checks node configs only when publishing, as the API does: a draft may be unfinished', () => {
    const unfinished = definition({ nodes: [{ id: 'fetch', type: 'http', config: {} }], edges: [] });
    expect(checkDefinition(unfinished, checks, { publish: false, now }).problems).toEqual([]);
    expect(checkDefinition(unfinished, checks, { publish: true, now }).problems).toEqual(['node "fetch", field "config.url": is required']);
  });

  it('names the node or edge of every graph problem', () => {
    const broken = definition({ nodes: [{ id: 'a', type: 'set', config: {} }, { id: 'a', type: 'set', config: {} }], edges: [{ id: 'e1', source: 'a', target: 'nowhere' }] });
    expect(checkDefinition(broken, checks, { publish: false, now }).problems).toEqual(['node "a": node id "a" is used more than once', 'edge "e1", field "target": target "nowhere" is not a node of this graph']);
  });

  it('leaves node types it does not know to the API (node packages loaded there)', () => {
    const custom = definition({ nodes: [{ id: 'c', type: 'acme.crm', config: { anything: true } }, { id: 'd', type: 'set', config: { values: {} } }], edges: [{ id: 'e', source: 'c', target: 'd', sourceHandle: 'found' }] });
    expect(checkDefinition(custom, checks, { publish: true, now }).problems).toEqual([]);
    expect(lenientCatalog(custom.graph, checks.catalog).get('acme.crm')?.branches).toEqual(['found']);
  });

  it('checks triggers when publishing (they are set then), webhooks without their secrets', () => {
    const withTriggers = (triggers: unknown[]) => checkDefinition(definition(valid.graph, triggers), checks, { publish: true, now }).problems;
    expect(withTriggers([{ id: 's', kind: 'schedule', cron: '0 9 * * *', timezone: 'Europe/Paris' }, { id: 'h', kind: 'webhook', signed: true }, { id: 'e', kind: 'event', name: 'order.created', filter: 'amount > 1' }])).toEqual([]);
    expect(withTriggers([{ id: 's', kind: 'schedule', cron: 'every day' }])).toEqual([expect.stringMatching(/^triggers\[0\]\.cron: "every day" is not a cron expression/)]);
    expect(withTriggers([{ id: 'h', kind: 'webhook', secretHash: 'x' }])).toEqual(['triggers[0].secretHash: is made by Weft: leave it out']);
    expect(withTriggers([{ id: 'e', kind: 'event', name: 'x', filter: '(' }])).toEqual([expect.stringMatching(/^triggers\[0\]\.filter: /)]);
    expect(withTriggers([{ id: 'm', kind: 'once', at: '2020-01-01T00:00:00Z' }])).toEqual([expect.stringMatching(/^triggers\[0\]\.at: is in the past/)]);
    expect(checkDefinition(definition(valid.graph, [{ id: 's', kind: 'schedule' }]), checks, { publish: false, now }).problems).toEqual([]);
  });
});
