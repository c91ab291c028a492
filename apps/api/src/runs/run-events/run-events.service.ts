import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError, runStreamId } from '@weft/domain';
import { isNodeLogMessage, type FeedEvent, type NodeLogMessage, type Platform } from '@weft/engine';
import type { RequestContext } from '../../context/request-context.js';
import { ACCESS, type Access } from '../../auth/access.js';
import { PLATFORM } from '../../platform/platform.module.js';
import { RunOutputs } from '../run-outputs.service.js';
import type { RunEvent } from '../run.types.js';
import { RunsQueries } from '../runs.queries.js';
import { AsyncQueue } from './async-queue.js';
import { toNodeLogEvent, toRunEvent } from './run-event.mapper.js';
import type { NodeLogEntry } from '@weft/domain';

const CATCH_UP_INTERVAL_MS = 2000;

/**
 * The live event stream of one run. It subscribes to the run's Redis channel
 * first, then replays the history the read model already shows, then goes
 * live; versions strictly increase, so nothing is sent twice, and a gap in the
 * live feed (a message lost while Redis reconnected) is filled from the event
 * store. Every event is checked against the caller's workspace. Ends after
 * workflow.finished. Log entries (`node.log`) come live as nodes write them, and
 * from node.logged (appended with the attempt's result) those that were missed:
 * each entry once, not counted in the versions.
 */
@Injectable()
export class RunEventsService {
  constructor(
    @Inject(PLATFORM) private readonly platform: Platform,
    @Inject(ACCESS) private readonly access: Access,
    private readonly queries: RunsQueries,
    private readonly outputs: RunOutputs,
  ) {}

  /** Throws NOT_FOUND unless the run exists in the caller's workspace. */
  async assertVisible(runId: string, caller: RequestContext): Promise<void> {
    const { state } = await this.platform.aggregates.runs.loadInWorkspace(runStreamId(runId), caller.workspaceId);
    if (state.status === 'none') throw new NotFoundError('run', runId);
  }

  async *stream(runId: string, caller: RequestContext): AsyncGenerator<RunEvent> {
    await this.assertVisible(runId, caller);
    const live = new AsyncQueue<FeedEvent | NodeLogMessage | 'tick'>();
    // The projector publishes each batch's events of a run as one array, in order; workers publish log entries one by one.
    const unsubscribe = await this.platform.live.subscribe(runId, (message) => (isNodeLogMessage(message) ? live.push(message) : (message as FeedEvent[]).forEach((event) => live.push(event))));
    // A lost Pub/Sub message (e.g. during a Redis reconnect) must not leave the
    // stream hanging: while quiet, catch up from what the read model shows.
    let lastHeard = Date.now();
    const ticker = setInterval(() => Date.now() - lastHeard >= CATCH_UP_INTERVAL_MS && live.push('tick'), CATCH_UP_INTERVAL_MS / 2);
    let last = 0;
    const logged = new Map<string, Set<number>>();
    /** The entry, unless it went out already. */
    const fresh = (nodeId: string, attempt: number, entry: NodeLogEntry): boolean => {
      const key = `${nodeId}:${attempt}`;
      const seen = logged.get(key) ?? logged.set(key, new Set()).get(key)!;
      if (seen.has(entry.seq)) return false;
      seen.add(entry.seq);
      return true;
    };
    /** Yields events after `last` in order; true once workflow.finished went out. */
    const { authenticator } = this.access;
    let revoked = false;
    const withOutputs = (event: FeedEvent) => this.withOutputs(event, caller.workspaceId);
    async function* deliver(events: FeedEvent[]): AsyncGenerator<RunEvent, boolean> {
      for (const event of events) {
        if (event.version <= last) continue;
        if (revoked) return true;
        if (event.type === 'node.logged') {
          const { nodeId, attempt, entries } = event.data as { nodeId: string; attempt: number; entries: NodeLogEntry[] };
          for (const entry of entries) if (fresh(nodeId, attempt, entry)) yield toNodeLogEvent(runId, event.version, nodeId, attempt, entry);
          last = event.version;
          continue;
        }
        yield toRunEvent(runId, await withOutputs(event));
        last = event.version;
        if (event.type === 'workflow.finished') return true;
      }
      return false;
    }
    try {
      const projected = () => this.queries.projectedVersion(caller.workspaceId, runId);
      if (yield* deliver(await this.history(runId, 1, await projected()))) return;
      for (let next = await live.next(); !next.done; next = await live.next()) {
        const event = next.value;
        lastHeard = Date.now();
        if (event !== 'tick' && 'kind' in event) {
          // Lossy and unversioned: a missed entry arrives with node.logged.
          if (event.workspaceId === caller.workspaceId && fresh(event.nodeId, event.attempt, event.entry)) yield toNodeLogEvent(runId, last, event.nodeId, event.attempt, event.entry);
          continue;
        }
        const batch =
          event === 'tick'
            ? await this.history(runId, last + 1, await projected())
            : event.workspaceId !== caller.workspaceId
              ? []
              : [...(event.version > last + 1 ? await this.history(runId, last + 1, event.version - 1) : []), event];
        // Checked again before pushing: a revoked session or key, or a removed member, gets nothing more.
        revoked = !(await authenticator.stillValid(caller.caller));
        if (revoked) this.platform.logger.warn('run events: the caller is no longer valid; ending the subscription', { runId, actorId: caller.actorId });
        if (yield* deliver(batch)) return;
      }
    } finally {
      clearInterval(ticker);
      live.close();
      await unsubscribe();
    }
  }

  /** The event with the outputs (and node inputs) it holds as references replaced by their values. */
  private async withOutputs(event: FeedEvent, workspaceId: string): Promise<FeedEvent> {
    if (!event.data || typeof event.data !== 'object') return event;
    const data = { ...(event.data as Record<string, unknown>) };
    const depth = event.type === 'workflow.finished' ? 1 : 0;
    if ('output' in data) data.output = await this.outputs.resolve(workspaceId, data.output, depth);
    if ('input' in data && event.type.startsWith('node.')) data.input = await this.outputs.resolve(workspaceId, data.input, 1);
    return { ...event, data };
  }

  private async history(runId: string, from: number, to: number): Promise<FeedEvent[]> {
    if (to < from) return [];
    const events = await this.platform.store.readStream(runStreamId(runId), from);
    return events
      .filter((e) => e.version <= to)
      .map((e) => ({ type: e.type, streamId: e.streamId, version: e.version, globalPosition: e.globalPosition, workspaceId: e.workspaceId, recordedAt: e.recordedAt.toISOString(), data: e.data }));
  }
}
