import { createHash } from 'node:crypto';
import type pg from 'pg';
import { outputRef, refDigest, type OutputRef } from './output-ref.js';

/**
 * Thrown when a reference names a blob the workspace does not have: a blob
 * deleted by hand, or a reference-shaped value written into user data.
 */
export class OutputBlobMissingError extends Error {
  readonly code = 'OUTPUT_MISSING';

  constructor(readonly ref: OutputRef) {
    super(`the output stored out of line as ${ref.$weftRef} (${ref.bytes} bytes) is missing`);
  }
}

/**
 * Node outputs too large for events, in PostgreSQL (table output_blobs), keyed
 * by workspace and the SHA-256 of their JSON. The same output written twice is
 * one row. A workspace only ever reads its own blobs.
 */
export class OutputBlobStore {
  constructor(private readonly pool: pg.Pool) {}

  /** Stores `json` (an output's serialization) for `workspaceId` and returns its reference. Idempotent. */
  async put(workspaceId: string, json: string): Promise<OutputRef> {
    const content = Buffer.from(json, 'utf8');
    const ref = outputRef(createHash('sha256').update(content).digest('hex'), content.length);
    await this.pool.query('INSERT INTO output_blobs (workspace_id, sha256, content, bytes) VALUES ($1, $2, $3, $4) ON CONFLICT (workspace_id, sha256) DO NOTHING', [
      workspaceId,
      refDigest(ref),
      content,
      content.length,
    ]);
    return ref;
  }

  /**
   * The JSON text `ref` names, in `workspaceId`.
   * @throws OutputBlobMissingError the workspace has no such blob.
   */
  async get(workspaceId: string, ref: OutputRef): Promise<string> {
    const { rows } = await this.pool.query<{ content: Buffer }>('SELECT content FROM output_blobs WHERE workspace_id = $1 AND sha256 = $2', [workspaceId, refDigest(ref)]);
    if (!rows[0]) throw new OutputBlobMissingError(ref);
    return rows[0].content.toString('utf8');
  }
}
