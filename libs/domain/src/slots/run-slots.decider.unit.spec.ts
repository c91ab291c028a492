import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../shared/errors.js';
import { deciderSpec, meta } from '../testing/decider-spec.js';
import type { RunSlotsCommand } from './run-slots.commands.js';
import { createRunSlotsDecider } from './run-slots.decider.js';
import type { RunSlotsEvent } from './run-slots.events.js';

const spec = deciderSpec(createRunSlotsDecider());
const now = '2026-01-01T00:00:00.000Z';

const acquire = (runId: string, limit = 2): RunSlotsCommand => ({ type: 'AcquireRunSlot', data: { workflowId: 'w1', runId, limit }, metadata: meta() });
const release = (runId: string): RunSlotsCommand => ({ type: 'ReleaseRunSlot', data: { workflowId: 'w1', runId }, metadata: meta() });
const granted = (runId: string): RunSlotsEvent => ({ type: 'slot.granted', data: { runId, grantedAt: now } });
const queued = (runId: string, limit = 2): RunSlotsEvent => ({ type: 'slot.queued', data: { runId, limit, queuedAt: now } });
const released = (runId: string): RunSlotsEvent => ({ type: 'slot.released', data: { runId, releasedAt: now } });
const withdrawn = (runId: string): RunSlotsEvent => ({ type: 'slot.withdrawn', data: { runId, withdrawnAt: now } });

describe('run slots decider', () => {
  it('given free slots, when a run asks, then it is granted one', () => {
    expect(spec.given([]).when(acquire('r1')).run()).toEqual([granted('r1')]);
    expect(spec.given([granted('r1')]).when(acquire('r2')).run()).toEqual([granted('r2')]);
  });

  it('given every slot taken, when a run asks, then it queues with its limit', () => {
    expect(spec.given([granted('r1'), granted('r2')]).when(acquire('r3')).run()).toEqual([queued('r3')]);
  });

  it('given runs queued, when another asks while a slot is free, then it queues behind them (first come, first served)', () => {
    // r3 (limit 1) still waits for r1 to finish: r4 (limit 5) would fit, but must not overtake it.
    const given = spec.given([granted('r1'), queued('r3', 1)]);
    expect(given.when(acquire('r4', 5)).run()).toEqual([queued('r4', 5)]);
  });

  it('given a holder and a queue, when the holder releases, then the head of the queue is granted its slot', () => {
    const given = spec.given([granted('r1'), granted('r2'), queued('r3'), queued('r4')]);
    expect(given.when(release('r1')).run()).toEqual([released('r1'), granted('r3')]);
  });

  it('given 5 runs with limit 2, when each granted run releases in turn, then they are granted strictly in order', () => {
    const decider = createRunSlotsDecider();
    let state = decider.initialState();
    const apply = (events: RunSlotsEvent[]) => {
      state = events.reduce(decider.evolve, state);
      return events;
    };
    const grantedOrder: string[] = [];
    const record = (events: RunSlotsEvent[]) => events.filter((e) => e.type === 'slot.granted').forEach((e) => grantedOrder.push(e.data.runId));
    for (const runId of ['r1', 'r2', 'r3', 'r4', 'r5']) record(apply(decider.decide(acquire(runId), state)));
    expect(grantedOrder).toEqual(['r1', 'r2']);
    expect(state.holders).toHaveLength(2);
    for (const runId of ['r2', 'r1', 'r3', 'r4', 'r5']) {
      record(apply(decider.decide(release(runId), state)));
      expect(state.holders.length).toBeLessThanOrEqual(2);
    }
    expect(grantedOrder).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    expect(state).toEqual({ holders: [], queue: [] });
  });

  it('given a queued run, when it is released (cancelled before its turn), then it is withdrawn and frees no slot', () => {
    const given = spec.given([granted('r1'), granted('r2'), queued('r3'), queued('r4')]);
    expect(given.when(release('r3')).run()).toEqual([withdrawn('r3')]);
    const after = spec.given([granted('r1'), granted('r2'), queued('r3'), queued('r4'), withdrawn('r3')]);
    expect(after.when(release('r1')).run()).toEqual([released('r1'), granted('r4')]);
  });

  it('given a queued head with a smaller limit than the run behind, when the head withdraws, then the next is granted if its own limit leaves room', () => {
    const given = spec.given([granted('r1'), queued('r2', 1), queued('r3', 3)]);
    expect(given.when(release('r2')).run()).toEqual([withdrawn('r2'), granted('r3')]);
  });

  it('given a limit raised by a newer version, when a slot frees, then every queued run that now fits is granted, in order', () => {
    const given = spec.given([granted('r1'), queued('r2', 1), queued('r3', 3), queued('r4', 3)]);
    expect(given.when(release('r1')).run()).toEqual([released('r1'), granted('r2'), granted('r3'), granted('r4')]);
  });

  it('repeats decide nothing: a second ask, a release of a run unknown or already released', () => {
    expect(spec.given([granted('r1')]).when(acquire('r1')).run()).toEqual([]);
    expect(spec.given([granted('r1'), queued('r2', 1)]).when(acquire('r2', 1)).run()).toEqual([]);
    expect(spec.given([]).when(release('r9')).run()).toEqual([]);
    expect(spec.given([granted('r1'), released('r1')]).when(release('r1')).run()).toEqual([]);
  });

  it('refuses a limit below 1', () => {
    expect(spec.given([]).when(acquire('r1', 0)).run).toThrow(InvalidInputError);
  });
});
