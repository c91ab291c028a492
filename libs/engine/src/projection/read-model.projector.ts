import type { Prisma, PrismaClient } from '@weft/db';
import { upcastEvent, type RunEvent, type WorkflowEvent } from '@weft/domain';
import type { StoredEvent } from '@weft/event-store';
import { runIdOfStream } from '../relay/relay.js';
import { applyRunEvent } from './apply-run-event.js';
import { applyWorkflowEvent } from './apply-workflow-event.js';

export type Tx = Prisma.TransactionClient;

/**
 * Builds the read models (workflows, versions, runs, node runs) with Prisma.
 * Idempotent: each row remembers the stream version it has applied and an
 * event at or below it is skipped, so a replayed batch changes nothing.
 * `onApplied` runs after the batch is committed: live updates are pushed only
 * once the read model shows them.
 */
export class ReadModelProjector {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly onApplied: (events: StoredEvent[]) => Promise<void> = async () => {},
  ) {}

  async handle(events: StoredEvent[]): Promise<void> {
    const applied = await this.prisma.$transaction(async (tx) => {
      const done: StoredEvent[] = [];
      for (const event of events) {
        const upcast = { ...event, ...upcastEvent(event) };
        if (event.streamId.startsWith('run-')) {
          if (await applyRunEvent(tx, runIdOfStream(event.streamId), upcast as StoredEvent & RunEvent)) done.push(upcast);
        } else if (event.streamId.startsWith('workflow-')) {
          await applyWorkflowEvent(tx, upcast as StoredEvent & WorkflowEvent);
        }
      }
      return done;
    });
    if (applied.length) await this.onApplied(applied);
  }
}
