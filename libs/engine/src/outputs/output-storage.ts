import { isJsonObject, type Json } from '@weft/domain';
import type { OutputBlobStore } from './output-blob-store.js';
import { isOutputRef, refDigest, type OutputRef } from './output-ref.js';

export type OutputLimits = {
  /** Outputs whose JSON is longer (UTF-8 bytes) go out of line; events hold a reference. */
  inlineBytes: number;
  /** No node output may be longer: the node fails with OUTPUT_TOO_LARGE. */
  maxBytes: number;
};

const DEFAULT_CACHE_BYTES = 32 * 1024 * 1024;

/**
 * Keeps node outputs small in events: a large output is written to the blob
 * store first, then the event holds its reference. Whoever reads an output
 * (worker, API) resolves references in the reader's workspace. Recently used
 * blobs stay in memory (as text: each read parses a fresh copy).
 */
export class OutputStorage {
  private readonly cache: TextLru;

  constructor(
    private readonly blobs: OutputBlobStore,
    readonly limits: OutputLimits,
    cacheBytes = DEFAULT_CACHE_BYTES,
  ) {
    this.cache = new TextLru(cacheBytes);
  }

  /**
   * What an event should hold for `output`: the output itself when small, else
   * its reference, once the blob is stored. An output shaped like a reference is
   * stored out of line whatever its size, so references are never ambiguous.
   * A crash after this and before the event leaves an unreferenced blob: harmless.
   */
  async keep(workspaceId: string, output: Json): Promise<Json> {
    const json = JSON.stringify(output);
    if (Buffer.byteLength(json, 'utf8') <= this.limits.inlineBytes && !isOutputRef(output)) return output;
    const ref = await this.blobs.put(workspaceId, json);
    this.cache.set(cacheKey(workspaceId, ref), json);
    return ref;
  }

  /**
   * `value` with its references replaced by the outputs they name: `value`
   * itself when it is one (depth 0: a node's output), and with depth 1 also the
   * fields of an object (outputs by node id: a run's output, a node's inputs).
   * @throws OutputBlobMissingError a reference names no blob of this workspace.
   */
  async resolve(workspaceId: string, value: Json, depth: 0 | 1 = 0): Promise<Json> {
    if (isOutputRef(value)) return this.fetch(workspaceId, value);
    if (depth === 0 || !isJsonObject(value) || !Object.values(value).some(isOutputRef)) return value;
    // fromEntries defines own properties: a "__proto__" key stays data.
    return Object.fromEntries(await Promise.all(Object.entries(value).map(async ([key, field]) => [key, isOutputRef(field) ? await this.fetch(workspaceId, field) : field] as const)));
  }

  private async fetch(workspaceId: string, ref: OutputRef): Promise<Json> {
    const key = cacheKey(workspaceId, ref);
    let json = this.cache.get(key);
    if (json === undefined) {
      json = await this.blobs.get(workspaceId, ref);
      this.cache.set(key, json);
    }
    return JSON.parse(json) as Json;
  }
}

const cacheKey = (workspaceId: string, ref: OutputRef): string => `${workspaceId}\u0000${refDigest(ref)}`;

/** Least recently used strings, bounded by their total length. */
class TextLru {
  private readonly entries = new Map<string, string>();
  private size = 0;

  constructor(private readonly maxChars: number) {}

  get(key: string): string | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: string): void {
    if (value.length > this.maxChars) return;
    const previous = this.entries.get(key);
    if (previous !== undefined) {
      this.entries.delete(key);
      this.size -= previous.length;
    }
    this.entries.set(key, value);
    this.size += value.length;
    for (const [oldest, text] of this.entries) {
      if (this.size <= this.maxChars) break;
      this.entries.delete(oldest);
      this.size -= text.length;
    }
  }
}
