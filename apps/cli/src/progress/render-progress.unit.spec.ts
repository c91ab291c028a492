import { describe, expect, it } from 'vitest';
import { formatDuration, formatEventLine, formatOutcome, renderFrame } from './render-progress.js';
import { applyEvent, initialProgress, withGraphNodes, type PushedEvent, type RunProgress } from './run-progress.js';

const T0 = Date.parse('2026-06-01T12:00:00.000Z');
let version = 0;
const event = (ms: number, type: string, fields: Partial<PushedEvent> = {}): PushedEvent => ({
  type,
  version: ++version,
  at: new Date(T0 + ms).toISOString(),
  nodeId: null,
  attempt: null,
  branch: null,
  status: null,
  output: null,
  error: null,
  data: null,
  ...fields,
});

/** A run of prepare → check → (big | small) → join, with a retry and a delay on the way. */
const events: PushedEvent[] = [
  event(0, 'workflow.started', { data: { workflowVersion: 3 } }),
  event(5, 'node.scheduled', { nodeId: 'prepare', attempt: 1 }),
  event(20, 'node.started', { nodeId: 'prepare', attempt: 1 }),
  event(32, 'node.completed', { nodeId: 'prepare', attempt: 1 }),
  event(40, 'node.scheduled', { nodeId: 'check', attempt: 1 }),
  event(60, 'node.retrying', { nodeId: 'check', attempt: 1, error: { code: 'HTTP_503', message: 'unavailable' }, data: { nextAttempt: 2, retryAt: '2026-06-01T12:00:01.060Z' } }),
  event(1060, 'node.scheduled', { nodeId: 'check', attempt: 2 }),
  event(1100, 'node.completed', { nodeId: 'check', attempt: 2, branch: 'true', data: { startedAt: '2026-06-01T12:00:01.070Z' } }),
  event(1110, 'node.skipped', { nodeId: 'small' }),
  event(1120, 'node.scheduled', { nodeId: 'big', attempt: 1 }),
  event(1130, 'node.started', { nodeId: 'big', attempt: 1 }),
  event(1140, 'run.waiting', { nodeId: 'big', attempt: 1, data: { until: '2026-06-01T12:00:03.140Z' } }),
];
const rest: PushedEvent[] = [
  event(3150, 'run.resumed', { nodeId: 'big', attempt: 1, data: { cause: 'timer' } }),
  event(3160, 'node.completed', { nodeId: 'big', attempt: 1 }),
  event(3170, 'node.log', { nodeId: 'join', attempt: 1, data: { seq: 0, level: 'info', message: 'joining' } }),
  event(3180, 'node.completed', { nodeId: 'join', attempt: 1, data: { startedAt: '2026-06-01T12:00:03.175Z' } }),
  event(3200, 'workflow.finished', { status: 'succeeded', output: { size: 'big' } }),
];

const graph = [{ id: 'prepare' }, { id: 'check', name: 'Is it big?' }, { id: 'big' }, { id: 'small' }, { id: 'join' }];
const replay = (list: PushedEvent[], from: RunProgress) => list.reduce(applyEvent, from);

describe('run progress', () => {
  it('prints one line per event, with its time from the start, the node and what happened', () => {
    let progress = initialProgress('r1', graph);
    const lines = [...events, ...rest].map((e) => formatEventLine(e, (progress = applyEvent(progress, e))));
    expect(lines).toEqual([
      '+0.000s  workflow.started  version 3',
      '+0.005s  node.scheduled    prepare',
      '+0.020s  node.started      prepare',
      '+0.032s  node.completed    prepare in 12ms',
      '+0.040s  node.scheduled    check',
      '+0.060s  node.retrying     check: attempt 1 failed (HTTP_503: unavailable); attempt 2 at 2026-06-01T12:00:01.060Z',
      '+1.060s  node.scheduled    check (attempt 2)',
      '+1.100s  node.completed    check (attempt 2) in 30ms, branch true',
      '+1.110s  node.skipped      small',
      '+1.120s  node.scheduled    big',
      '+1.130s  node.started      big',
      '+1.140s  run.waiting       big: until 2026-06-01T12:00:03.140Z',
      '+3.150s  run.resumed       big (timer)',
      '+3.160s  node.completed    big in 2.0s',
      '+3.170s  node.log          join info: joining',
      '+3.180s  node.completed    join in 5ms',
      '+3.200s  workflow.finished succeeded',
    ]);
    expect(formatOutcome(progress)).toEqual(['run r1 succeeded in 3.2s', 'output: {\n  "size": "big"\n}']);
  });

  it('redraws every node with its state, a spinner while running and its duration', () => {
    const waiting = replay(events, initialProgress('r1', graph));
    expect(renderFrame(waiting, { now: T0 + 2140, tick: 0, columns: 100, color: false })).toEqual([
      'run r1  running 2.1s',
      '  ✔ prepare  succeeded     12ms',
      '  ✔ check    succeeded     30ms  branch true',
      '  ◷ big      waiting       1.0s  until 2026-06-01T12:00:03.140Z',
      '  ↷ small    skipped',
      '  · join     pending',
    ]);
    const running = replay(events.slice(0, 5), initialProgress('r1', graph));
    expect(renderFrame(running, { now: T0 + 50, tick: 3, columns: 100, color: false }).slice(1, 3)).toEqual(['  ✔ prepare  succeeded     12ms', '  ⠸ check    queued        10ms']);
    const finished = replay(rest, waiting);
    expect(renderFrame(finished, { now: T0 + 9999, tick: 0, columns: 100, color: false })[0]).toBe('run r1  succeeded 3.2s');
  });

  it('shows a failure, an error edge taken, a wait for approval and a cancelled run', () => {
    let progress = replay([event(0, 'workflow.started'), event(1, 'node.started', { nodeId: 'call', attempt: 1 }), event(501, 'node.failed', { nodeId: 'call', attempt: 1, error: { code: 'HTTP_404', message: 'not found' }, data: { handled: true } })], initialProgress('r2'));
    expect(progress.nodes).toMatchObject([{ id: 'call', state: 'failed', durationMs: 500, detail: 'HTTP_404: not found (error edge taken)' }]);
    progress = replay([event(600, 'run.waiting', { nodeId: 'review', attempt: 1, data: { waitFor: { kind: 'approval' } } })], progress);
    expect(renderFrame(progress, { now: T0 + 700, tick: 0, columns: 100, color: false })[2]).toBe('  ◷ review  waiting      100ms  for approval');
    progress = replay([event(800, 'workflow.finished', { status: 'failed', error: { code: 'RUN_TIMEOUT', message: 'over 800 ms', nodeId: 'review' } })], progress);
    expect(formatOutcome(progress)).toEqual(['run r2 failed in 800ms: RUN_TIMEOUT: over 800 ms (node "review")']);
  });

  it('lists the graph nodes when they arrive late, keeping what events said', () => {
    const early = replay([event(0, 'workflow.started'), event(1, 'node.scheduled', { nodeId: 'b', attempt: 1 })], initialProgress('r3'));
    expect(withGraphNodes(early, [{ id: 'a' }, { id: 'b', name: 'B' }]).nodes.map((n) => [n.id, n.state])).toEqual([
      ['a', 'pending'],
      ['b', 'running'],
    ]);
  });

  it('fits a large run in the terminal height: nodes at work and failures first, the rest counted', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ id: `n${String(i + 1).padStart(2, '0')}` }));
    const done = many.slice(0, 20).flatMap(({ id }, i) => [event(i, 'node.started', { nodeId: id, attempt: 1 }), event(i + 1, 'node.completed', { nodeId: id, attempt: 1 })]);
    const progress = replay(
      [event(0, 'workflow.started'), ...done, event(30, 'node.started', { nodeId: 'n21', attempt: 1 }), event(31, 'node.failed', { nodeId: 'n22', attempt: 1, error: { message: 'no' }, data: { handled: true } }), event(32, 'node.started', { nodeId: 'n23', attempt: 1 })],
      initialProgress('r5', many),
    );
    const frame = renderFrame(progress, { now: T0 + 40, tick: 0, columns: 100, rows: 10, color: false });
    expect(frame).toHaveLength(9); // the cursor's line below it is the terminal's tenth
    expect(frame.slice(1, -1).map((line) => line.trim().slice(2, 5))).toEqual(['n21', 'n22', 'n23', 'n24', 'n25', 'n26', 'n27']);
    expect(frame.at(-1)).toBe('  … 23 more nodes: 20 succeeded, 3 pending');
    // Everything shows when it fits, with or without a height.
    expect(renderFrame(progress, { now: T0 + 40, tick: 0, columns: 100, rows: 40, color: false })).toHaveLength(31);
    expect(renderFrame(progress, { now: T0 + 40, tick: 0, columns: 100, color: false })).toHaveLength(31);
  });

  it('fits lines to the terminal and colours states on a terminal', () => {
    const progress = replay([event(0, 'workflow.started'), event(0, 'node.failed', { nodeId: 'n', attempt: 1, error: { message: 'x'.repeat(200) } })], initialProgress('r4'));
    const [, line] = renderFrame(progress, { now: T0, tick: 0, columns: 40, color: false });
    expect(line).toHaveLength(40);
    expect(line!.endsWith('…')).toBe(true);
    expect(renderFrame(progress, { now: T0, tick: 0, columns: 40, color: true })[1]).toContain('\x1b[31m✖\x1b[0m');
    expect([formatDuration(999), formatDuration(1000), formatDuration(61_000)]).toEqual(['999ms', '1.0s', '1m01s']);
  });
});
