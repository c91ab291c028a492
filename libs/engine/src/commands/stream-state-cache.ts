/**
 * Folded stream states by stream id, so a process that handles many commands
 * on one stream (a worker advancing a run) reads only the events it has not
 * seen. States are immutable values, so sharing them is safe. Bounded: the
 * oldest entries go first.
 */
export class StreamStateCache<S> {
  private readonly entries = new Map<string, { state: S; version: number }>();

  constructor(private readonly maxEntries = 1000) {}

  get(streamId: string): { state: S; version: number } | undefined {
    return this.entries.get(streamId);
  }

  set(streamId: string, state: S, version: number): void {
    const current = this.entries.get(streamId);
    if (current && current.version >= version) return;
    this.entries.delete(streamId);
    this.entries.set(streamId, { state, version });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(streamId: string): void {
    this.entries.delete(streamId);
  }
}
