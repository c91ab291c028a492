import type pg from 'pg';
import { assertAppendArguments, toEventPayload } from './append-events.js';
import { StreamWorkspaceMismatchError, WrongExpectedVersionError } from './event-store.errors.js';
import type { AppendOptions, AppendResult, NewEvent } from './types.js';

type Pending = { streamId: string; events: readonly NewEvent[]; options: AppendOptions; resolve(result: AppendResult): void; reject(error: unknown): void };
type Row = { idx: number; status: 'appended' | 'duplicate' | 'conflict' | 'forbidden'; version: number | null; first_position: string | null; last_position: string | null };

const BATCH_SQL = 'SELECT idx, status, version, first_position::text, last_position::text FROM weft_append_batch($1::jsonb)';
/** PostgreSQL errors after which the whole batch may simply be sent again. */
const RETRYABLE = new Set(['40P01', '40001']);

export type AppendBatcherOptions = {
  /** Most appends per transaction. Default 64. */
  maxBatch?: number;
};

/**
 * Gathers the appends issued in the same turn of the event loop and commits
 * them in one transaction (`weft_append_batch`): one round trip and one WAL
 * flush for many steps. Each append keeps its own outcome — a version
 * conflict, a duplicate or a workspace mismatch affects only its own item —
 * and its own guarantees (expected version, command id), as `appendEvents`.
 */
export class AppendBatcher {
  private queue: Pending[] = [];
  private scheduled = false;
  private readonly maxBatch: number;

  constructor(
    private readonly pool: pg.Pool,
    options: AppendBatcherOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 64;
  }

  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      assertAppendArguments(streamId, events, options);
      this.queue.push({ streamId, events, options, resolve, reject });
      if (this.queue.length >= this.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue.splice(0, this.maxBatch);
    if (this.queue.length) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    if (batch.length) void this.send(batch, 1);
  }

  private async send(batch: Pending[], attempt: number): Promise<void> {
    // One lock order for every batch (by stream id), so two batches never deadlock on streams.
    const sorted = [...batch].sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
    const items = sorted.map(({ streamId, events, options }) => ({
      streamId,
      streamType: options.streamType,
      workspaceId: options.workspaceId,
      expectedVersion: options.expectedVersion,
      commandId: options.commandId ?? null,
      closes: options.closesStream ?? false,
      events: events.map(toEventPayload),
    }));
    let rows: Row[];
    try {
      // Named: each connection parses and plans it once.
      rows = (await this.pool.query<Row>({ name: 'weft_append_batch', text: BATCH_SQL, values: [JSON.stringify(items)] })).rows;
    } catch (error) {
      if (attempt < 3 && RETRYABLE.has((error as { code?: string }).code ?? '')) return this.send(batch, attempt + 1);
      for (const pending of batch) pending.reject(error);
      return;
    }
    for (const row of rows) {
      const pending = sorted[row.idx - 1]!;
      switch (row.status) {
        case 'appended':
          pending.resolve({ status: 'appended', version: row.version!, firstPosition: Number(row.first_position), lastPosition: Number(row.last_position) });
          break;
        case 'duplicate':
          pending.resolve({ status: 'duplicate', version: row.version ?? 0 });
          break;
        case 'conflict':
          pending.reject(new WrongExpectedVersionError(pending.streamId, pending.options.expectedVersion, row.version ?? undefined));
          break;
        case 'forbidden':
          pending.reject(new StreamWorkspaceMismatchError(pending.streamId));
          break;
      }
    }
  }
}
