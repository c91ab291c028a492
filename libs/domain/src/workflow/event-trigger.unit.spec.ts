import { describe, expect, it } from 'vitest';
import { refusalOf } from '../testing/refusal-of.js';
import { meta, testCatalog } from '../testing/decider-spec.js';
import { isLifecycleEventName, MAX_FILTER_LENGTH } from './event-trigger.js';
import { parseTriggers, type TriggerChecks } from './triggers.js';
import { createWorkflowDecider } from './workflow.decider.js';
import type { WorkflowEvent } from './workflow.events.js';

const now = '2026-06-01T12:00:00.000Z';
const checks: TriggerChecks = { cron: () => undefined, expression: (source) => (source.includes('((') ? 'syntax error' : undefined) };
const fieldOf = (raw: unknown, with_: TriggerChecks = checks) => {
  const refusal = refusalOf(() => parseTriggers(raw, now, with_));
  return typeof refusal === 'object' ? refusal.message : refusal;
};

describe('event triggers', () => {
  it('keeps a name, a trimmed filter, and a watched workflow for a lifecycle name', () => {
    expect(
      parseTriggers(
        [
          { id: 'orders', kind: 'event', name: 'order.created', filter: ' amount > 100 ' },
          { id: 'on-fail', kind: 'event', name: 'workflow.failed', workflowId: '0b6a2f3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b' },
          { id: 'any-end', kind: 'event', name: 'workflow.finished', filter: null, workflowId: null },
        ],
        now,
        checks,
      ),
    ).toEqual([
      { id: 'orders', kind: 'event', name: 'order.created', filter: 'amount > 100' },
      { id: 'on-fail', kind: 'event', name: 'workflow.failed', workflowId: '0b6a2f3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b' },
      { id: 'any-end', kind: 'event', name: 'workflow.finished' },
    ]);
  });

  it.each([
    [[{ id: 'a', kind: 'event' }], 'triggers[0].name'],
    [[{ id: 'a', kind: 'event', name: 'has space' }], 'triggers[0].name'],
    [[{ id: 'a', kind: 'event', name: 'x'.repeat(201) }], 'triggers[0].name'],
    [[{ id: 'a', kind: 'event', name: 'order.created', filter: 'amount ((' }], 'triggers[0].filter'],
    [[{ id: 'a', kind: 'event', name: 'order.created', filter: '  ' }], 'triggers[0].filter'],
    [[{ id: 'a', kind: 'event', name: 'order.created', filter: 42 }], 'triggers[0].filter'],
    [[{ id: 'a', kind: 'event', name: 'order.created', filter: 'x'.repeat(MAX_FILTER_LENGTH + 1) }], 'triggers[0].filter'],
    [[{ id: 'a', kind: 'event', name: 'order.created', workflowId: '0b6a2f3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b' }], 'triggers[0].workflowId'],
    [[{ id: 'a', kind: 'event', name: 'workflow.failed', workflowId: 'not an id' }], 'triggers[0].workflowId'],
    [[{ id: 'a', kind: 'event', name: 'order.created', input: {} }], 'triggers[0].input'],
    [[{ id: 'a', kind: 'event', name: 'order.created', every: 5 }], 'triggers[0].every'],
    [[{ id: 'a', kind: 'event', name: 'a' }, { id: 'a', kind: 'event', name: 'b' }], 'triggers[1].id'],
  ])('refuses %j, naming %s', (raw, field) => {
    expect(fieldOf(raw)?.split(':')[0]).toBe(field);
  });

  it('passes the expression check’s reason on, and refuses filters where nothing can check them', () => {
    expect(fieldOf([{ id: 'a', kind: 'event', name: 'o', filter: 'a ((' }])).toBe('triggers[0].filter: syntax error');
    expect(fieldOf([{ id: 'a', kind: 'event', name: 'o', filter: 'a = 1' }], { cron: () => undefined })).toMatch(/^triggers\[0\]\.filter: .*cannot be checked/);
    expect(fieldOf([{ id: 'a', kind: 'event', name: 'o' }], { cron: () => undefined })).toBeUndefined();
  });

  it('knows the lifecycle names', () => {
    expect(['workflow.finished', 'workflow.succeeded', 'workflow.failed', 'workflow.cancelled'].every(isLifecycleEventName)).toBe(true);
    expect(isLifecycleEventName('workflow.started')).toBe(false);
    expect(isLifecycleEventName('order.created')).toBe(false);
  });

  it('records event triggers with SetTriggers, and nothing when they did not change', () => {
    const decider = createWorkflowDecider(testCatalog, checks);
    const graph = { nodes: [{ id: 'a', type: 'set', config: {} }], edges: [] };
    const state = ([
      { type: 'workflow.created', data: { workflowId: 'w', name: 'w', description: '', graph, createdAt: now } },
      { type: 'workflow.version_published', data: { workflowId: 'w', version: 1, revision: 1, graph, publishedAt: now } },
    ] satisfies WorkflowEvent[]).reduce(decider.evolve, decider.initialState());
    const triggers = [{ id: 'orders', kind: 'event', name: 'order.created', filter: 'amount > 100' }];
    const events = decider.decide({ type: 'SetTriggers', data: { workflowId: 'w', triggers }, metadata: meta({ now }) }, state);
    expect(events).toEqual([{ type: 'workflow.triggers_changed', data: { workflowId: 'w', triggers, changedAt: now } }]);
    expect(decider.decide({ type: 'SetTriggers', data: { workflowId: 'w', triggers }, metadata: meta({ now }) }, events.reduce(decider.evolve, state))).toEqual([]);
  });
});
