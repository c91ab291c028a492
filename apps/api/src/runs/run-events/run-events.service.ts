import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError, runStreamId } from '@weft/domain';
import type { FeedEvent, Platform } from '@weft/engine';
import type { RequestContext } from '../../context/request-context.js';
import { PLATFORM } from '../../platform/platform.module.js';
import type { RunEvent } from '../run.types.js';
import { RunsQueries } from '../runs.queries.js';
import { AsyncQueue } from './async-queue.js';
import { toRunEvent } from './run-event.mapper.js';

/**
 * The live event stream of one run. It subscribes to the run's Redis channel
 * first, then replays the history the read model already shows, then goes
 * live; versions strictly increase, so nothing is sent twice, and a gap in the
 * live feed (a message lost while Redis reconnected) is filled from the event
 * store. Every event is checked against the caller's workspace. Ends after
 * workflow.finished.
 */
@Injectable()
export class RunEventsService {
  constructor(
    @Inject(PLATFORM) private readonly platform: Platform,
    private readonly queries: RunsQueries,
  ) {}

  async *stream(runId: string, caller: RequestContext): AsyncGenerator<RunEvent> {
    const { state } = await this.platform.aggregates.runs.loadInWorkspace(runStreamId(runId), caller.workspaceId);
    if (state.status === 'none') throw new NotFoundError('run', runId);
    const live = new AsyncQueue<FeedEvent>();
    const unsubscribe = await this.platform.live.subscribe(runId, (message) => live.push(message as FeedEvent));
    try {
      let last = 0;
      const projected = await this.queries.projectedVersion(caller.workspaceId, runId);
      for (const event of await this.history(runId, 1, projected)) {
        yield toRunEvent(runId, event);
        last = event.version;
        if (event.type === 'workflow.finished') return;
      }
      for (let next = await live.next(); !next.done; next = await live.next()) {
        const event = next.value;
        if (event.workspaceId !== caller.workspaceId || event.version <= last) continue;
        const missing = event.version > last + 1 ? await this.history(runId, last + 1, event.version - 1) : [];
        for (const item of [...missing, event]) {
          yield toRunEvent(runId, item);
          last = item.version;
          if (item.type === 'workflow.finished') return;
        }
      }
    } finally {
      live.close();
      await unsubscribe();
    }
  }

  private async history(runId: string, from: number, to: number): Promise<FeedEvent[]> {
    if (to < from) return [];
    const events = await this.platform.store.readStream(runStreamId(runId), from);
    return events
      .filter((e) => e.version <= to)
      .map((e) => ({ type: e.type, streamId: e.streamId, version: e.version, globalPosition: e.globalPosition, workspaceId: e.workspaceId, recordedAt: e.recordedAt.toISOString(), data: e.data }));
  }
}
