import { describe, expect, it } from 'vitest';
import { refusalOf } from '../testing/refusal-of.js';
import { ConflictError, InvalidInputError } from '../shared/errors.js';
import { meta, testCatalog } from '../testing/decider-spec.js';
import { parseTriggers, type TriggerChecks } from './triggers.js';
import { createWorkflowDecider } from './workflow.decider.js';
import type { WorkflowCommand } from './workflow.commands.js';
import type { WorkflowEvent } from './workflow.events.js';

const now = '2026-06-01T12:00:00.000Z';
const checks: TriggerChecks = { cron: (expression, timezone) => (timezone === 'Mars/Base' ? 'timezone "Mars/Base" is not an IANA time zone' : expression.includes('61') ? 'not a cron expression' : undefined) };
const fieldOf = (raw: unknown) => {
  const refusal = refusalOf(() => parseTriggers(raw, now, checks));
  return typeof refusal === 'object' ? refusal.field : refusal;
};

describe('triggers', () => {
  it('completes a schedule with its defaults and keeps a moment as an ISO time', () => {
    expect(parseTriggers([{ id: 'daily', kind: 'schedule', cron: ' 0 9 * * * ' }, { id: 'later', kind: 'once', at: '2026-06-02T09:00:00+02:00', input: { n: 1 } }], now, checks)).toEqual([
      { id: 'daily', kind: 'schedule', cron: '0 9 * * *', timezone: 'UTC', misfire: 'fire_once', paused: false, input: {} },
      { id: 'later', kind: 'once', at: '2026-06-02T07:00:00.000Z', input: { n: 1 } },
    ]);
  });

  it.each([
    ['not an array', 'triggers'],
    [[{ id: 'bad id', kind: 'schedule', cron: '* * * * *' }], 'triggers[0].id'],
    [[{ id: 'a', kind: 'schedule', cron: '* * * * *' }, { id: 'a', kind: 'once', at: '2026-07-01T00:00:00Z' }], 'triggers[1].id'],
    [[{ id: 'a', kind: 'schedule', cron: '61 * * * *' }], 'triggers[0].cron'],
    [[{ id: 'a', kind: 'schedule', cron: '* * * * *', timezone: 'Mars/Base' }], 'triggers[0].timezone'],
    [[{ id: 'a', kind: 'schedule', cron: '* * * * *', every: 5 }], 'triggers[0].every'],
    [[{ id: 'a', kind: 'once', at: '2026-05-31T12:00:00Z' }], 'triggers[0].at'],
    [[{ id: 'a', kind: 'once', at: '2026-06-02 09:00' }], 'triggers[0].at'],
    [[{ id: 'a', kind: 'once', at: '2040-01-01T00:00:00Z' }], 'triggers[0].at'],
    [[{ id: 'a', kind: 'cron' }], 'triggers[0].kind'],
  ])('refuses %j, naming %s', (raw, field) => {
    expect(fieldOf(raw)).toBe(field);
  });

  it('keeps a past moment that is re-set unchanged (another trigger changed), but refuses a new one', () => {
    const kept = parseTriggers([{ id: 'old', kind: 'once', at: '2026-06-01T12:00:30Z' }], '2026-06-01T12:00:00Z', checks);
    expect(parseTriggers([{ id: 'old', kind: 'once', at: '2026-06-01T12:00:30Z' }], '2026-06-02T00:00:00Z', checks, kept)).toEqual(kept);
    expect(() => parseTriggers([{ id: 'other', kind: 'once', at: '2026-06-01T12:00:30Z' }], '2026-06-02T00:00:00Z', checks, kept)).toThrow(InvalidInputError);
  });

  it('fires a moment at most a minute behind at once instead of refusing it', () => {
    expect(parseTriggers([{ id: 'a', kind: 'once', at: '2026-06-01T11:59:30Z' }], now, checks)).toHaveLength(1);
  });

  describe('SetTriggers', () => {
    const decider = createWorkflowDecider(testCatalog, checks);
    const created: WorkflowEvent = { type: 'workflow.created', data: { workflowId: 'w', name: 'w', description: '', graph: { nodes: [{ id: 'a', type: 'set', config: {} }], edges: [] }, createdAt: now } };
    const published: WorkflowEvent = { type: 'workflow.version_published', data: { workflowId: 'w', version: 1, revision: 1, graph: { nodes: [{ id: 'a', type: 'set', config: {} }], edges: [] }, publishedAt: now } };
    const state = (...events: WorkflowEvent[]) => events.reduce(decider.evolve, decider.initialState());
    const set = (triggers: unknown): WorkflowCommand => ({ type: 'SetTriggers', data: { workflowId: 'w', triggers }, metadata: meta({ now }) });
    const daily = [{ id: 'daily', kind: 'schedule', cron: '0 9 * * *' }];

    it('records the triggers, and nothing when they did not change', () => {
      const events = decider.decide(set(daily), state(created, published));
      expect(events).toEqual([{ type: 'workflow.triggers_changed', data: { workflowId: 'w', triggers: parseTriggers(daily, now, checks), changedAt: now } }]);
      expect(decider.decide(set(daily), state(created, published, ...events))).toEqual([]);
    });

    it('refuses triggers on a workflow with nothing published, or archived', () => {
      expect(() => decider.decide(set(daily), state(created))).toThrow(ConflictError);
      expect(() => decider.decide(set(daily), state(created, published, { type: 'workflow.archived', data: { workflowId: 'w', archivedAt: now } }))).toThrow(ConflictError);
    });
  });
});
