import type { TaskQueue } from '@weft/bus';
import { readTailLags, type Queryable } from '@weft/event-store';
import type { GaugeSample, GaugeSource } from './scraped-gauges.js';
import type { LagGauge, QueueGauge } from './weft-metrics.js';

/** The worker's queues: depth (waiting + pending) and the oldest task's age, each queue with its own label. */
export function queueGauges(queue: Pick<TaskQueue, 'backlog'>, names: readonly string[]): GaugeSource<QueueGauge> {
  return async () => {
    const backlogs = await Promise.all(names.map(async (name) => ({ name, backlog: await queue.backlog(name) })));
    return backlogs.flatMap(({ name, backlog }): GaugeSample<QueueGauge>[] => [
      { gauge: 'depth', labels: { queue: name }, value: backlog.waiting + backlog.pending },
      { gauge: 'oldestAge', labels: { queue: name }, value: backlog.oldestAgeMs / 1000 },
    ]);
  };
}

/** How far the relay's tailer trails the log, labelled `tailer` (a series that disappears, rather than a 0, when it cannot be read). */
export function relayLagGauge(db: Queryable, tailer: string): GaugeSource<LagGauge> {
  return async () => Object.entries(await readTailLags(db, [tailer])).map(([name, { lag }]) => ({ gauge: 'relay' as const, labels: { tailer: name }, value: lag }));
}

/** How far each of a projector's tailers trails the log, labelled `tailer`. */
export function projectorLagGauge(db: Queryable, tailers: readonly string[]): GaugeSource<LagGauge> {
  return async () => Object.entries(await readTailLags(db, tailers)).map(([tailer, { lag }]) => ({ gauge: 'projector' as const, labels: { tailer }, value: lag }));
}
