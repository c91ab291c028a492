import { describe, expect, it } from 'vitest';
import type { RunEvent } from '@weft/domain';
import { applyRunEvent, type RunRows } from './run-rows.js';

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, 0, ms)).toISOString();
const graph = { nodes: [{ id: 'a', type: 'set', config: {} }, { id: 'b', type: 'http', config: {} }], edges: [{ id: 'e', source: 'a', target: 'b' }] };
const located = (version: number, event: RunEvent) => ({ ...event, version, workspaceId: 'ws' });
const history: RunEvent[] = [
  { type: 'workflow.started', data: { runId: 'r', workflowId: 'w', workflowVersion: 1, graph, input: { n: 1 }, startedAt: at(0) } },
  { type: 'node.scheduled', data: { nodeId: 'a', nodeType: 'set', attempt: 1, queue: 'default', scheduledAt: at(1) } },
  { type: 'node.completed', data: { nodeId: 'a', attempt: 1, output: { x: 1 }, completedAt: at(3), startedAt: at(2), input: { n: 1 }, workerId: 'w1' } },
  { type: 'node.scheduled', data: { nodeId: 'b', nodeType: 'http', attempt: 1, queue: 'default', scheduledAt: at(3) } },
  { type: 'node.started', data: { nodeId: 'b', attempt: 1, input: { x: 1 }, workerId: 'w1', startedAt: at(4) } },
  { type: 'workflow.finished', data: { status: 'cancelled', error: { code: 'CANCELLED', message: 'cancelled' }, finishedAt: at(5) } },
];
const replay = (events: RunEvent[], from?: RunRows) => events.reduce<RunRows | undefined>((rows, e, i) => applyRunEvent(rows, 'r', located(i + 1, e)) ?? rows, from);

describe('run rows, the read model of one run', () => {
  it('follows a run: a quick node completes with its start, a cancelled run cancels its running node', () => {
    const rows = replay(history)!;
    expect(rows.run).toMatchObject({ status: 'cancelled', projected_version: 6, finished_at: at(5), error: { code: 'CANCELLED' } });
    expect(rows.nodes.get('a')).toMatchObject({ status: 'completed', started_at: at(2), finished_at: at(3), input: { n: 1 }, output: { x: 1 }, seq: 0 });
    expect(rows.nodes.get('b')).toMatchObject({ status: 'cancelled', started_at: at(4), finished_at: at(5), seq: 1 });
  });

  it('skips events it already reflects, so replaying a batch changes nothing', () => {
    const rows = replay(history)!;
    expect(history.map((e, i) => applyRunEvent(rows, 'r', located(i + 1, e)))).toEqual(Array(6).fill(undefined));
  });

  it('shows a run of a workflow with a run limit as queued until it is admitted', () => {
    const queued = history[0]! as Extract<RunEvent, { type: 'workflow.started' }>;
    const rows = replay([{ ...queued, data: { ...queued.data, queued: true } }])!;
    expect(rows.run.status).toBe('queued');
    expect([...rows.nodes.values()].map((n) => n.status)).toEqual(['pending', 'pending']);
    expect(applyRunEvent(rows, 'r', located(2, { type: 'run.admitted', data: { admittedAt: at(1) } }))?.run.status).toBe('running');
  });

  it('ignores events of a run it does not know (a replay after the rows were dropped)', () => {
    expect(applyRunEvent(undefined, 'r', located(2, history[1]!))).toBeUndefined();
  });
});
