/** SQLSTATE raised by `weft_append_events` when the stream is not at the expected version. */
export const WRONG_EXPECTED_VERSION_SQLSTATE = 'WF409';
/** SQLSTATE raised by `weft_append_events` when the stream belongs to another workspace. */
export const STREAM_WORKSPACE_MISMATCH_SQLSTATE = 'WF403';

/**
 * Thrown by `append` when the stream is not at `expectedVersion`: another writer
 * appended first (reload the stream, decide again, retry), the stream already exists
 * (expected 0), or the expected version is ahead of the stream. Nothing was appended.
 */
export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError';

  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    /** The stream's version when the append was rejected (0: no such stream), when known. */
    readonly actualVersion?: number,
  ) {
    super(`wrong expected version for stream ${streamId}: expected ${expectedVersion}${actualVersion === undefined ? '' : `, actual ${actualVersion}`}`);
  }
}

/**
 * Thrown by `append` when the stream exists in another workspace than
 * `options.workspaceId`. Nothing was appended. A bug or a forged id, never a retry case.
 */
export class StreamWorkspaceMismatchError extends Error {
  override readonly name = 'StreamWorkspaceMismatchError';

  constructor(readonly streamId: string) {
    super(`stream ${streamId} belongs to another workspace`);
  }
}
