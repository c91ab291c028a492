import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '@weft/testing';
import { OutputBlobMissingError, OutputBlobStore } from './output-blob-store.js';
import { isOutputRef, outputRef, type OutputRef } from './output-ref.js';
import { OutputStorage } from './output-storage.js';

describe('OutputBlobStore and OutputStorage', () => {
  let env: TestEnv;
  let pool: pg.Pool;
  let blobs: OutputBlobStore;
  const big = { items: Array.from({ length: 200 }, (_, i) => ({ i, text: 'lorem ipsum dolor sit amet' })) };
  const rows = async (sha256: string) => (await pool.query<{ workspace_id: string; bytes: number }>('SELECT workspace_id, bytes FROM output_blobs WHERE sha256 = $1', [sha256])).rows;

  beforeAll(async () => {
    env = await createTestEnv();
    pool = new pg.Pool({ connectionString: env.databaseUrl });
    blobs = new OutputBlobStore(pool);
  });
  afterAll(async () => {
    await pool.end();
    await env.cleanup();
  });

  it('stores a blob once per workspace and content: a second write is a no-op with the same reference', async () => {
    const json = JSON.stringify(big);
    const first = await blobs.put('ws-a', json);
    const second = await blobs.put('ws-a', json);
    expect(second).toEqual(first);
    expect(first).toEqual({ $weftRef: expect.stringMatching(/^blob:[0-9a-f]{64}$/), bytes: Buffer.byteLength(json) });
    const sha256 = first.$weftRef.slice(5);
    expect(await rows(sha256)).toEqual([{ workspace_id: 'ws-a', bytes: Buffer.byteLength(json) }]);
    expect(await blobs.get('ws-a', first)).toBe(json);
  });

  it('keeps workspaces apart: a reference does not open another workspace\'s blob', async () => {
    const ref = await blobs.put('ws-a', JSON.stringify({ secret: 'of ws-a' }));
    await expect(blobs.get('ws-b', ref)).rejects.toBeInstanceOf(OutputBlobMissingError);
    await blobs.put('ws-b', JSON.stringify({ secret: 'of ws-a' }));
    expect((await rows(ref.$weftRef.slice(5))).map((r) => r.workspace_id).sort()).toEqual(['ws-a', 'ws-b']);
  });

  it('names the missing blob in a clear error', async () => {
    const ref = outputRef('0'.repeat(64), 123);
    const error = await blobs.get('ws-a', ref).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputBlobMissingError);
    expect(error).toMatchObject({ code: 'OUTPUT_MISSING', message: `the output stored out of line as blob:${'0'.repeat(64)} (123 bytes) is missing` });
  });

  it('keeps small outputs inline and stores larger ones out of line, as a reference', async () => {
    const storage = new OutputStorage(blobs, { inlineBytes: 1024, maxBytes: 1024 * 1024 });
    expect(await storage.keep('ws-a', { small: true })).toEqual({ small: true });
    expect(await storage.keep('ws-a', 'x'.repeat(1022))).toBe('x'.repeat(1022)); // 1024 bytes with its quotes
    const kept = await storage.keep('ws-a', big);
    expect(isOutputRef(kept)).toBe(true);
    expect(JSON.stringify(kept).length).toBeLessThan(120);
    expect(await storage.resolve('ws-a', kept)).toEqual(big);
    // A fresh storage (another process) reads it from PostgreSQL.
    expect(await new OutputStorage(blobs, storage.limits).resolve('ws-a', kept)).toEqual(big);
  });

  it('stores an output shaped like a reference out of line, however small, so reading it back gives it unchanged', async () => {
    const storage = new OutputStorage(blobs, { inlineBytes: 1024, maxBytes: 1024 * 1024 });
    const lookalike = outputRef('f'.repeat(64), 1);
    const kept = await storage.keep('ws-a', lookalike);
    expect(kept).not.toEqual(lookalike);
    expect(await storage.resolve('ws-a', kept)).toEqual(lookalike);
  });

  it('resolves references at the top, and with depth 1 in the fields of a map of outputs', async () => {
    const storage = new OutputStorage(blobs, { inlineBytes: 10, maxBytes: 1024 * 1024 });
    const ref = (await storage.keep('ws-a', big)) as OutputRef;
    const map = { a: ref, b: { inline: 1 } };
    expect(await storage.resolve('ws-a', map)).toBe(map);
    expect(await storage.resolve('ws-a', map, 1)).toEqual({ a: big, b: { inline: 1 } });
    expect(await storage.resolve('ws-a', { deeper: map }, 1)).toEqual({ deeper: map });
    expect(await storage.resolve('ws-a', [ref], 1)).toEqual([ref]);
    expect(await storage.resolve('ws-a', null)).toBeNull();
  });

  it('hands out a fresh copy on each read: a reader that mutates its value changes nothing for the next', async () => {
    const storage = new OutputStorage(blobs, { inlineBytes: 10, maxBytes: 1024 * 1024 });
    const ref = await storage.keep('ws-a', { list: [1, 2, 3] });
    const first = (await storage.resolve('ws-a', ref)) as { list: number[] };
    first.list.push(4);
    expect(await storage.resolve('ws-a', ref)).toEqual({ list: [1, 2, 3] });
  });

  it('fails resolution in another workspace even when the blob is cached', async () => {
    const storage = new OutputStorage(blobs, { inlineBytes: 10, maxBytes: 1024 * 1024 });
    const ref = await storage.keep('ws-a', { only: 'ws-a' });
    expect(await storage.resolve('ws-a', ref)).toEqual({ only: 'ws-a' });
    await expect(storage.resolve('ws-c', ref)).rejects.toThrow(/is missing/);
  });
});
