import { Inject, Injectable } from '@nestjs/common';
import { workspaceRunsChannel, type Platform, type RunChanged } from '@weft/engine';
import type { RequestContext } from '../../context/request-context.js';
import { ACCESS, type Access } from '../../auth/access.js';
import { PLATFORM } from '../../platform/platform.module.js';
import type { Run } from '../run.types.js';
import { RunsQueries } from '../runs.queries.js';
import { AsyncQueue } from './async-queue.js';

/**
 * The runs of the caller's workspace as they start, wait, resume and finish, read from
 * the read model when the projector announces them (so a run pushed is a run the read
 * model shows). Lossy like every live channel: a client refetches its list when it
 * (re)connects. Each run is read within the caller's workspace, and the caller is
 * checked again before every push.
 */
@Injectable()
export class RunChangesService {
  constructor(
    @Inject(PLATFORM) private readonly platform: Platform,
    @Inject(ACCESS) private readonly access: Access,
    private readonly queries: RunsQueries,
  ) {}

  async *stream(caller: RequestContext, workflowId: string | null): AsyncGenerator<Run> {
    const changes = new AsyncQueue<RunChanged>();
    const unsubscribe = await this.platform.live.subscribe(workspaceRunsChannel(caller.workspaceId), (message) => changes.push(message as RunChanged));
    try {
      for (let next = await changes.next(); !next.done; next = await changes.next()) {
        if (next.value.workspaceId !== caller.workspaceId) continue;
        if (!(await this.access.authenticator.stillValid(caller.caller))) return;
        const run = await this.queries.get(caller.workspaceId, next.value.runId);
        if (run && (!workflowId || run.workflowId === workflowId)) yield run;
      }
    } finally {
      changes.close();
      await unsubscribe();
    }
  }
}
