import { describe, expect, it } from 'vitest';
import { initialRunState, nodeStateOf, reduceRunEvent, type RunEvent } from './run-state';

const fold = (events: RunEvent[]) => events.reduce(reduceRunEvent, initialRunState('r1'));

describe('run state from run events', () => {
  it('follows each node through scheduled, running, waiting and succeeded', () => {
    const events: RunEvent[] = [
      { type: 'workflow.started', version: 1 },
      { type: 'node.scheduled', version: 2, nodeId: 'a', attempt: 1 },
      { type: 'node.started', version: 3, nodeId: 'a', attempt: 1 },
    ];
    expect(nodeStateOf(fold(events), 'a')).toEqual({ state: 'running', attempt: 1 });
    expect(nodeStateOf(fold(events), 'b')).toEqual({ state: 'pending' });
    const waited = fold([...events, { type: 'run.waiting', version: 4, nodeId: 'a', attempt: 1, output: { held: true } }]);
    expect(nodeStateOf(waited, 'a').state).toBe('waiting');
    const done = fold([...events, { type: 'node.completed', version: 4, nodeId: 'a', attempt: 1, output: { x: 1 }, branch: 'true' }]);
    expect(nodeStateOf(done, 'a')).toMatchObject({ state: 'succeeded', output: { x: 1 }, branch: 'true' });
  });

  it('records failures, retries and skips, and the run outcome; unfinished nodes end cancelled', () => {
    const run = fold([
      { type: 'workflow.started', version: 1 },
      { type: 'node.retrying', version: 2, nodeId: 'a', attempt: 1, error: { code: 'X' } },
      { type: 'node.failed', version: 3, nodeId: 'a', attempt: 2, error: { code: 'X', message: 'boom' } },
      { type: 'node.skipped', version: 4, nodeId: 'b' },
      { type: 'node.scheduled', version: 5, nodeId: 'c', attempt: 1 },
      { type: 'workflow.finished', version: 6, status: 'failed', error: { code: 'X', nodeId: 'a' } },
    ]);
    expect(run.status).toBe('failed');
    expect(run.error).toEqual({ code: 'X', nodeId: 'a' });
    expect(nodeStateOf(run, 'a')).toMatchObject({ state: 'failed', attempt: 2, error: { code: 'X', message: 'boom' } });
    expect(nodeStateOf(run, 'b').state).toBe('skipped');
    expect(nodeStateOf(run, 'c').state).toBe('cancelled');
  });

  it('ignores replayed events and node.log entries', () => {
    const once = fold([{ type: 'workflow.started', version: 1 }, { type: 'node.completed', version: 2, nodeId: 'a', output: 1 }]);
    const replayed = [{ type: 'node.started', version: 2, nodeId: 'a' }, { type: 'node.log', version: 3, nodeId: 'a' }].reduce(reduceRunEvent, once);
    expect(replayed).toBe(once);
  });

  it('shows the results a re-run kept as succeeded', () => {
    const run = fold([{ type: 'workflow.started', version: 1, data: { rerunOf: { runId: 'r0', fromNodeId: 'b' }, kept: { a: { output: { n: 1 } } } } }]);
    expect(nodeStateOf(run, 'a')).toEqual({ state: 'succeeded', output: { n: 1 }, branch: null, kept: true });
  });
});
