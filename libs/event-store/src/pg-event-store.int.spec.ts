import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createTestEnv, type TestEnv } from '@weft/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamWorkspaceMismatchError, WrongExpectedVersionError } from './event-store.errors.js';
import { PgEventStore } from './pg-event-store.js';
import type { AppendOptions } from './types.js';

describe.each([{ batchAppends: false }, { batchAppends: true }])('PgEventStore %o', ({ batchAppends }) => {
  let env: TestEnv;
  let pool: pg.Pool;
  let store: PgEventStore;
  const run = (extra: Partial<AppendOptions> = {}): AppendOptions => ({ expectedVersion: 0, streamType: 'run', workspaceId: 'ws-1', ...extra });

  beforeAll(async () => {
    env = await createTestEnv();
    pool = new pg.Pool({ connectionString: env.databaseUrl, max: 20 });
    store = new PgEventStore(pool, { batchAppends });
  });
  afterAll(async () => {
    await pool.end();
    await env.cleanup();
  });

  it('round-trips events with data, metadata, schema version and positions', async () => {
    const streamId = `run-${randomUUID()}`;
    const eventId = randomUUID();
    const result = await store.append(
      streamId,
      [
        { type: 'workflow.started', data: { input: { n: 1 } }, metadata: { commandId: 'c1', actor: 'u1' }, eventId },
        { type: 'node.scheduled', data: { nodeId: 'a' }, schemaVersion: 3 },
      ],
      run(),
    );
    expect(result).toMatchObject({ status: 'appended', version: 2 });
    if (result.status !== 'appended') throw new Error('unreachable');
    expect(result.lastPosition).toBe(result.firstPosition + 1);

    const events = await store.readStream(streamId);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      streamId,
      version: 1,
      eventId,
      type: 'workflow.started',
      schemaVersion: 1,
      data: { input: { n: 1 } },
      metadata: { commandId: 'c1', actor: 'u1' },
      workspaceId: 'ws-1',
      globalPosition: result.firstPosition,
    });
    expect(events[1]).toMatchObject({ version: 2, type: 'node.scheduled', schemaVersion: 3, metadata: {}, globalPosition: result.lastPosition });
    expect(events[0]!.recordedAt).toBeInstanceOf(Date);
    expect(events[0]!.transactionId).toMatch(/^\d+$/);
    expect(events[1]!.transactionId).toBe(events[0]!.transactionId);
    expect(typeof events[0]!.globalPosition).toBe('number');

    expect(await store.readStream(streamId, 2)).toEqual([events[1]]);
    expect(await store.readStream(`missing-${randomUUID()}`)).toEqual([]);
  });

  it('rejects an empty append without touching the database', async () => {
    await expect(store.append(`run-${randomUUID()}`, [], run())).rejects.toThrow(/events must not be empty/);
  });

  it('lets exactly one of two concurrent appends at the same expected version win', async () => {
    const streamId = `run-${randomUUID()}`;
    await store.append(streamId, [{ type: 'workflow.started', data: {} }], run());
    const results = await Promise.allSettled([
      store.append(streamId, [{ type: 'node.started', data: { by: 'a' } }], run({ expectedVersion: 1 })),
      store.append(streamId, [{ type: 'node.started', data: { by: 'b' } }], run({ expectedVersion: 1 })),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(WrongExpectedVersionError);
    expect(lost[0]!.reason).toMatchObject({ streamId, expectedVersion: 1, actualVersion: 2 });
    expect((await store.readStream(streamId)).map((e) => e.version)).toEqual([1, 2]);
  });

  it('lets exactly one of two concurrent stream creations win', async () => {
    const streamId = `run-${randomUUID()}`;
    const results = await Promise.allSettled([store.append(streamId, [{ type: 'a', data: 1 }], run()), store.append(streamId, [{ type: 'b', data: 2 }], run())]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.any(WrongExpectedVersionError) as unknown });
    expect(await store.readStream(streamId)).toHaveLength(1);
  });

  it('rejects an expected version ahead of the stream, and one for a missing stream', async () => {
    const streamId = `run-${randomUUID()}`;
    await store.append(streamId, [{ type: 'a', data: null }], run());
    await expect(store.append(streamId, [{ type: 'b', data: null }], run({ expectedVersion: 5 }))).rejects.toMatchObject({
      name: 'WrongExpectedVersionError',
      streamId,
      expectedVersion: 5,
      actualVersion: 1,
    });
    await expect(store.append(`missing-${randomUUID()}`, [{ type: 'b', data: null }], run({ expectedVersion: 1 }))).rejects.toMatchObject({ actualVersion: 0 });
    expect(await store.readStream(streamId)).toHaveLength(1);
  });

  it('appends nothing for a repeated command id and reports the version it recorded', async () => {
    const streamId = `run-${randomUUID()}`;
    const commandId = randomUUID();
    const first = await store.append(streamId, [{ type: 'a', data: 1 }, { type: 'b', data: 2 }], run({ commandId }));
    expect(first.status).toBe('appended');
    await store.append(streamId, [{ type: 'c', data: 3 }], run({ expectedVersion: 2 }));
    // Even with a stale expected version the duplicate wins over the conflict: nothing to retry.
    expect(await store.append(streamId, [{ type: 'a', data: 1 }, { type: 'b', data: 2 }], run({ commandId }))).toEqual({ status: 'duplicate', version: 2 });
    expect((await store.readStream(streamId)).map((e) => e.type)).toEqual(['a', 'b', 'c']);
  });

  it('turns 10 concurrent sends of one command into exactly one append', async () => {
    const streamId = `run-${randomUUID()}`;
    const commandId = randomUUID();
    const results = await Promise.all(Array.from({ length: 10 }, () => store.append(streamId, [{ type: 'workflow.started', data: {} }], run({ commandId }))));
    expect(results.filter((r) => r.status === 'appended')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'duplicate')).toEqual(Array.from({ length: 9 }, () => ({ status: 'duplicate', version: 1 })));
    expect(await store.readStream(streamId)).toHaveLength(1);
  });

  it('records nothing for a command whose append lost on version, so a retry can succeed', async () => {
    const streamId = `run-${randomUUID()}`;
    const commandId = randomUUID();
    await store.append(streamId, [{ type: 'a', data: 1 }], run());
    await expect(store.append(streamId, [{ type: 'b', data: 2 }], run({ commandId }))).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(await store.append(streamId, [{ type: 'b', data: 2 }], run({ commandId, expectedVersion: 1 }))).toMatchObject({ status: 'appended', version: 2 });
  });

  it('closes streams for recovery scans and pages through the open ones', async () => {
    const streamType = `scan-${randomUUID()}`;
    const ids = ['s-1', 's-2', 's-3', 's-4'].map((id) => `${streamType}:${id}`);
    for (const id of ids) await store.append(id, [{ type: 'workflow.started', data: {} }], run({ streamType }));
    await store.append(ids[1]!, [{ type: 'workflow.finished', data: { status: 'succeeded' } }], run({ streamType, expectedVersion: 1, closesStream: true }));
    await store.append(`other-${randomUUID()}`, [{ type: 'x', data: {} }], run({ streamType: 'workflow' }));

    const page1 = await store.listOpenStreams(streamType, { limit: 2 });
    expect(page1).toEqual([
      { streamId: ids[0], streamType, workspaceId: 'ws-1', version: 1 },
      { streamId: ids[2], streamType, workspaceId: 'ws-1', version: 1 },
    ]);
    const page2 = await store.listOpenStreams(streamType, { after: page1[1]!.streamId, limit: 2 });
    expect(page2.map((s) => s.streamId)).toEqual([ids[3]]);
    expect(await store.listOpenStreams(streamType, { after: ids[3], limit: 2 })).toEqual([]);
  });

  it('tells which of some streams are closed: finished ones, not open or unknown ones', async () => {
    const [open, finished, reopened] = [randomUUID(), randomUUID(), randomUUID()].map((id) => `run-${id}`) as [string, string, string];
    for (const id of [open, finished, reopened]) await store.append(id, [{ type: 'workflow.started', data: {} }], run());
    for (const id of [finished, reopened]) await store.append(id, [{ type: 'workflow.finished', data: {} }], run({ expectedVersion: 1, closesStream: true }));
    await store.append(reopened, [{ type: 'run.rerun', data: {} }], run({ expectedVersion: 2 }));

    expect(await store.closedStreams([open, finished, reopened, `run-${randomUUID()}`])).toEqual([finished]);
    expect(await store.closedStreams([])).toEqual([]);
  });

  it('refuses to append to a stream of another workspace', async () => {
    const streamId = `run-${randomUUID()}`;
    await store.append(streamId, [{ type: 'a', data: 1 }], run());
    await expect(store.append(streamId, [{ type: 'b', data: 2 }], run({ expectedVersion: 1, workspaceId: 'ws-2' }))).rejects.toBeInstanceOf(StreamWorkspaceMismatchError);
    expect(await store.readStream(streamId)).toHaveLength(1);
  });

  it('reads the log after a checkpoint in transaction order', async () => {
    const streamId = `run-${randomUUID()}`;
    const appended = await store.append(streamId, [{ type: 'a', data: 1 }, { type: 'b', data: 2 }, { type: 'c', data: 3 }], run());
    if (appended.status !== 'appended') throw new Error('unreachable');
    // Withheld while any older transaction of the server (other test files included) is still open: read once readable.
    let mine: Awaited<ReturnType<typeof store.readAfter>> = [];
    for (const deadline = Date.now() + 10_000; mine.length < 3 && Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 20))) {
      mine = (await store.readAfter({ transactionId: '0', globalPosition: 0 }, 10_000)).filter((e) => e.streamId === streamId);
    }
    expect(mine.map((e) => e.globalPosition)).toEqual([appended.firstPosition, appended.firstPosition + 1, appended.lastPosition]);
    const afterFirst = await store.readAfter({ transactionId: mine[0]!.transactionId, globalPosition: mine[0]!.globalPosition }, 1);
    expect(afterFirst).toEqual([mine[1]]);
  });

  it('orders the log numerically across digit boundaries (no text sorting of positions)', async () => {
    const streamId = `run-${randomUUID()}`;
    await store.append(streamId, Array.from({ length: 120 }, (_, i) => ({ type: 'node.completed', data: { i } })), run());
    const all = await store.readAfter({ transactionId: '0', globalPosition: 0 }, 10_000);
    const positions = all.map((e) => e.globalPosition);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect((await store.readStream(streamId)).map((e) => e.version)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
  });
});
