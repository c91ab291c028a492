import { describe, expect, it } from 'vitest';
import { appendEvent, attemptDuration, describeEvent, emptyHistory, failedNodeOf, nodeLog, nodeTimelines, stateAfter } from './run-history';
import { nodeStateOf, type RunEvent } from './run-state';

const t = (ms: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, 0, ms)).toISOString();
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0, 0);

/** An llm node streaming tokens, then a code node failing its first attempt and succeeding on its second. */
const EVENTS: RunEvent[] = [
  { type: 'workflow.started', version: 1, at: t(0) },
  { type: 'node.scheduled', version: 2, nodeId: 'llm', attempt: 1, at: t(10) },
  { type: 'node.started', version: 3, nodeId: 'llm', attempt: 1, at: t(20), data: { input: { topic: 'x' }, startedAt: t(20) } },
  { type: 'node.log', version: 3, nodeId: 'llm', attempt: 1, at: t(100), data: { level: 'info', message: 'tokens', data: { text: 'Hel' } } },
  { type: 'node.log', version: 3, nodeId: 'llm', attempt: 1, at: t(200), data: { level: 'info', message: 'tokens', data: { text: 'lo' } } },
  { type: 'node.log', version: 3, nodeId: 'llm', attempt: 1, at: t(250), data: { level: 'info', message: 'llm finished', data: { outputTokens: 2 } } },
  { type: 'node.completed', version: 4, nodeId: 'llm', attempt: 1, at: t(300), output: { text: 'Hello' }, data: { completedAt: t(300) } },
  { type: 'node.scheduled', version: 5, nodeId: 'code', attempt: 1, at: t(310) },
  { type: 'node.started', version: 6, nodeId: 'code', attempt: 1, at: t(320), data: { startedAt: t(320) } },
  { type: 'node.retrying', version: 7, nodeId: 'code', attempt: 1, at: t(1320), error: { code: 'TIMEOUT' }, data: { retryingAt: t(1320), nextAttempt: 2 } },
  { type: 'node.scheduled', version: 8, nodeId: 'code', attempt: 2, at: t(1620) },
  { type: 'node.completed', version: 9, nodeId: 'code', attempt: 2, at: t(1700), output: { ok: true }, data: { startedAt: t(1650), completedAt: t(1700) } },
  { type: 'workflow.finished', version: 10, status: 'succeeded', at: t(1710) },
];

describe('run history', () => {
  it('keeps every delivered event in order, log entries included, and drops replayed lifecycle events', () => {
    let history = EVENTS.reduce(appendEvent, emptyHistory('r1'));
    expect(history.events).toHaveLength(EVENTS.length);
    history = appendEvent(history, { type: 'node.started', version: 6, nodeId: 'code', attempt: 1 });
    expect(history.events).toHaveLength(EVENTS.length);
    expect(history.live.status).toBe('succeeded');
    expect(nodeStateOf(history.live, 'code')).toMatchObject({ state: 'succeeded', attempt: 2 });
  });

  it('gives the state after the first N events (time travel)', () => {
    expect(stateAfter('r1', EVENTS, 0).nodes).toEqual({});
    expect(nodeStateOf(stateAfter('r1', EVENTS, 3), 'llm').state).toBe('running');
    expect(nodeStateOf(stateAfter('r1', EVENTS, 3), 'code').state).toBe('pending');
    expect(nodeStateOf(stateAfter('r1', EVENTS, 7), 'llm').state).toBe('succeeded');
    const retrying = stateAfter('r1', EVENTS, 10);
    expect(nodeStateOf(retrying, 'code')).toMatchObject({ state: 'retrying', attempt: 1, error: { code: 'TIMEOUT' } });
    expect(retrying.status).toBe('running');
    expect(stateAfter('r1', EVENTS, EVENTS.length).status).toBe('succeeded');
    expect(stateAfter('r1', EVENTS, 99)).toEqual(stateAfter('r1', EVENTS, EVENTS.length));
  });

  it('derives each attempt with its error and duration, and timeline segments per attempt', () => {
    const timelines = nodeTimelines(EVENTS);
    expect(timelines.code!.attempts).toEqual([
      { attempt: 1, outcome: 'retrying', scheduledAt: T0 + 310, startedAt: T0 + 320, finishedAt: T0 + 1320, error: { code: 'TIMEOUT' }, input: undefined },
      { attempt: 2, outcome: 'succeeded', scheduledAt: T0 + 1620, startedAt: T0 + 1650, finishedAt: T0 + 1700 },
    ]);
    expect(timelines.code!.attempts.map((a) => attemptDuration(a, T0 + 5000))).toEqual([1000, 50]);
    expect(timelines.code!.segments).toEqual([
      { attempt: 1, kind: 'run', start: T0 + 320, end: T0 + 1320, outcome: 'retrying' },
      { attempt: 2, kind: 'run', start: T0 + 1650, end: T0 + 1700, outcome: 'succeeded' },
    ]);
    expect(timelines.llm!.attempts[0]).toMatchObject({ input: { topic: 'x' }, startedAt: T0 + 20, finishedAt: T0 + 300 });
  });

  it('leaves a running attempt open, splits a wait off, and cancels what the run left unfinished', () => {
    const running = nodeTimelines(EVENTS.slice(0, 4));
    expect(running.llm!.segments).toEqual([{ attempt: 1, kind: 'run', start: T0 + 20 }]);
    expect(attemptDuration(running.llm!.attempts[0]!, T0 + 120)).toBe(100);
    const waited = nodeTimelines([
      { type: 'node.started', version: 1, nodeId: 'w', attempt: 1, at: t(0) },
      { type: 'run.waiting', version: 2, nodeId: 'w', attempt: 1, at: t(10) },
      { type: 'run.resumed', version: 3, nodeId: 'w', attempt: 1, at: t(500) },
      { type: 'node.completed', version: 4, nodeId: 'w', attempt: 1, at: t(510) },
      { type: 'node.scheduled', version: 5, nodeId: 'x', attempt: 1, at: t(520) },
      { type: 'node.started', version: 6, nodeId: 'x', attempt: 1, at: t(530) },
      { type: 'workflow.finished', version: 7, status: 'cancelled', at: t(600) },
    ]);
    expect(waited.w!.segments.map((s) => [s.kind, s.start - T0, s.end! - T0])).toEqual([
      ['run', 0, 10],
      ['wait', 10, 500],
      ['run', 500, 510],
    ]);
    expect(waited.x!.attempts[0]).toMatchObject({ outcome: 'cancelled', finishedAt: T0 + 600 });
    expect(waited.x!.segments[0]).toMatchObject({ end: T0 + 600, outcome: 'cancelled' });
  });

  it('collects streamed tokens per attempt and the other log lines, up to any point', () => {
    expect(nodeLog(EVENTS, 'llm')).toEqual({ tokens: { 1: 'Hello' }, lines: [{ attempt: 1, level: 'info', message: 'llm finished', data: { outputTokens: 2 } }] });
    expect(nodeLog(EVENTS.slice(0, 4), 'llm').tokens).toEqual({ 1: 'Hel' });
    expect(nodeLog(EVENTS, 'code')).toEqual({ tokens: {}, lines: [] });
    // An entry missed live arrives after later ones (with node.logged): its seq puts it back in place.
    const late: RunEvent[] = [
      { type: 'node.log', version: 3, nodeId: 'llm', attempt: 1, data: { seq: 2, level: 'info', message: 'tokens', data: { text: 'lo' } } },
      { type: 'node.log', version: 4, nodeId: 'llm', attempt: 1, data: { seq: 1, level: 'info', message: 'tokens', data: { text: 'Hel' } } },
    ];
    expect(nodeLog(late, 'llm').tokens).toEqual({ 1: 'Hello' });
  });

  it('describes events and finds the node a run failed at', () => {
    expect(describeEvent(EVENTS[9]!)).toBe('node.retrying code');
    expect(describeEvent(EVENTS[11]!)).toBe('node.completed code (attempt 2)');
    expect(describeEvent(EVENTS[3]!)).toBe('log llm: tokens');
    const failed = stateAfter('r1', [...EVENTS.slice(0, 9), { type: 'node.failed', version: 7, nodeId: 'code', attempt: 1, error: { code: 'X' } }, { type: 'workflow.finished', version: 8, status: 'failed', error: { code: 'X', nodeId: 'code' } }], 99);
    expect(failedNodeOf(failed)).toBe('code');
    expect(failedNodeOf({ ...failed, error: undefined })).toBe('code');
  });
});
