import { Inject, Injectable } from '@nestjs/common';
import type { FeedEvent, Platform } from '@weft/engine';
import type { WorkflowFinished } from '@weft/domain';
import { PLATFORM } from '../../platform/platform.module.js';

export type RunOutcome = { status: string; output: unknown; error: unknown };
export type CompletionWatch = { wait(timeoutMs: number): Promise<RunOutcome | undefined>; dispose(): Promise<void> };

const READ_MODEL_CHECK_MS = 1000;

/**
 * Waits for a run to finish: listens on the run's live channel (so the
 * answer comes as soon as the read model shows the end), and checks the read
 * model every second in case a live message was lost. Start watching before
 * starting the run.
 */
@Injectable()
export class RunCompletion {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  async watch(runId: string, workspaceId: string): Promise<CompletionWatch> {
    let settle: (outcome: RunOutcome) => void = () => undefined;
    const finished = new Promise<RunOutcome>((resolve) => (settle = resolve));
    const unsubscribe = await this.platform.live.subscribe(runId, (message) => {
      const event = message as FeedEvent;
      if (event.type !== 'workflow.finished' || event.workspaceId !== workspaceId) return;
      const data = event.data as WorkflowFinished['data'];
      settle({ status: data.status, output: data.output ?? null, error: data.error ?? null });
    });
    const poller = setInterval(() => {
      void this.platform.prisma.run
        .findFirst({ where: { id: runId, workspaceId }, select: { status: true, output: true, error: true } })
        .then((row) => row && row.status !== 'running' && settle({ status: row.status, output: row.output, error: row.error }))
        .catch(() => undefined);
    }, READ_MODEL_CHECK_MS);
    return {
      wait: (timeoutMs) => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
        return Promise.race([finished, timeout]).finally(() => clearTimeout(timer));
      },
      dispose: async () => {
        clearInterval(poller);
        await unsubscribe();
      },
    };
  }
}
