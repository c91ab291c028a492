import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { FINISHED_RUNS, type FeedEvent, type Platform } from '@weft/engine';
import type { WorkflowFinished } from '@weft/domain';
import { PLATFORM } from '../../platform/platform.module.js';
import { RunOutputs } from '../run-outputs.service.js';

export type RunOutcome = { status: string; output: unknown; error: unknown };
export type CompletionWatch = { wait(timeoutMs: number): Promise<RunOutcome | undefined>; dispose(): Promise<void> };

const READ_MODEL_CHECK_MS = 1000;

type Waiter = { workspaceId: string; settle(outcome: RunOutcome): void };

/**
 * Waits for runs to finish. One subscription per API process to the channel
 * on which every workflow.finished is announced — by the process that
 * committed it, at once, and again by the projector once the read model shows
 * it — dispatched here by run id; the read model is checked every second in
 * case both messages were lost. Start watching before starting the run.
 */
@Injectable()
export class RunCompletion implements OnModuleDestroy {
  private readonly waiters = new Map<string, Waiter>();
  private subscription: Promise<() => Promise<void>> | undefined;

  constructor(
    @Inject(PLATFORM) private readonly platform: Platform,
    private readonly outputs: RunOutputs,
  ) {}

  async watch(runId: string, workspaceId: string): Promise<CompletionWatch> {
    this.subscription ??= this.platform.live.subscribe(FINISHED_RUNS, (message) => this.dispatch(message as FeedEvent));
    await this.subscription;
    let settle: (outcome: RunOutcome) => void = () => undefined;
    const finished = new Promise<RunOutcome>((resolve) => (settle = resolve));
    this.waiters.set(runId, { workspaceId, settle });
    const poller = setInterval(() => {
      void this.platform.prisma.run
        .findFirst({ where: { id: runId, workspaceId }, select: { status: true, output: true, error: true } })
        .then((row) => row && row.status !== 'running' && row.status !== 'queued' && settle({ status: row.status, output: row.output, error: row.error }))
        .catch(() => undefined);
    }, READ_MODEL_CHECK_MS);
    return {
      wait: async (timeoutMs) => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
        const outcome = await Promise.race([finished, timeout]).finally(() => clearTimeout(timer));
        // A large output is held as a reference: the answer carries the value.
        return outcome && { ...outcome, output: await this.outputs.resolve(workspaceId, outcome.output, 1) };
      },
      dispose: () => {
        clearInterval(poller);
        this.waiters.delete(runId);
        return Promise.resolve();
      },
    };
  }

  async onModuleDestroy(): Promise<void> {
    const unsubscribe = await this.subscription;
    await unsubscribe?.();
  }

  private dispatch(event: FeedEvent): void {
    const waiter = this.waiters.get(event.streamId.replace(/^run-/, ''));
    if (!waiter || event.type !== 'workflow.finished' || event.workspaceId !== waiter.workspaceId) return;
    const data = event.data as WorkflowFinished['data'];
    waiter.settle({ status: data.status, output: data.output ?? null, error: data.error ?? null });
  }
}
