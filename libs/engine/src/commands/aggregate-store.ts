import { NotFoundError, upcastEvent, type CommandMetadata, type Decider } from '@weft/domain';
import { WrongExpectedVersionError, type PgEventStore, type StoredEvent } from '@weft/event-store';
import { StreamStateCache } from './stream-state-cache.js';

type Event = { type: string; data: unknown };

export type AggregateSpec<S, C extends { metadata: CommandMetadata }, E extends Event> = {
  decider: Decider<S, C, E>;
  streamType: string;
  streamIdOf(command: C): string;
  /** The entity named in a not-found error. */
  entity: NotFoundError['entity'];
  entityIdOf(command: C): string;
  /** True when these events end the stream's life (e.g. a finished run). */
  closes?(events: readonly E[]): boolean;
  /**
   * Called after each committed append. Must not throw for what a later step
   * guarantees anyway (e.g. publishing tasks the relay also publishes).
   */
  afterAppend?(command: C, events: readonly E[], appended: { version: number; lastPosition: number; state: S }): Promise<void>;
  /** True for commands that create their stream: they decide on the initial state without reading first. */
  creates?(command: C): boolean;
  /**
   * False for commands the decider already makes idempotent (a report about
   * a settled node attempt decides nothing): their ids need not be recorded.
   * Default true.
   */
  recordsCommandId?(command: C): boolean;
};

export type Loaded<S> = { state: S; version: number; workspaceId?: string };
export type HandleResult<S, E> = Loaded<S> & { events: E[]; duplicate: boolean; lastPosition?: number };

const MAX_CONFLICT_RETRIES = 20;

/**
 * The only glue between deciders and the event store: load the stream, decide,
 * append with the expected version, and on a version conflict load again and
 * decide again. A command id already applied appends nothing. A stream of
 * another workspace is reported as not found (not-found and forbidden look alike).
 */
export class AggregateStore<S, C extends { metadata: CommandMetadata }, E extends Event> {
  private readonly cache: StreamStateCache<Loaded<S>>;

  constructor(
    private readonly store: PgEventStore,
    private readonly spec: AggregateSpec<S, C, E>,
    cacheSize = 1000,
  ) {
    this.cache = new StreamStateCache(cacheSize);
  }

  /** The stream's current state, or the decider's initial state with version 0. */
  async load(streamId: string): Promise<Loaded<S>> {
    const cached = this.cache.get(streamId)?.state;
    const events = await this.store.readStream(streamId, (cached?.version ?? 0) + 1);
    if (!events.length) return cached ?? { state: this.spec.decider.initialState(), version: 0 };
    const loaded = this.fold(cached, events);
    this.cache.set(streamId, loaded, loaded.version);
    return loaded;
  }

  /** Loads the stream only if it belongs to `workspaceId`; otherwise it does not exist for the caller. */
  async loadInWorkspace(streamId: string, workspaceId: string): Promise<Loaded<S>> {
    const loaded = await this.load(streamId);
    return loaded.workspaceId !== undefined && loaded.workspaceId !== workspaceId ? { state: this.spec.decider.initialState(), version: 0 } : loaded;
  }

  /**
   * The cached state when `usable` accepts it (no read at all), else the
   * stream's current state. For callers that can afford a stale view, because
   * whatever they decide on it is checked again when appended.
   */
  async loadCachedIf(streamId: string, usable: (loaded: Loaded<S>) => boolean): Promise<Loaded<S>> {
    const cached = this.cache.get(streamId)?.state;
    return cached && usable(cached) ? cached : this.load(streamId);
  }

  /**
   * Commands on one stream run one after another in this process: each decides
   * on the state the previous one left (from the cache, no read), instead of
   * all deciding on the same version and all but one losing on append — which,
   * for a fan-out of n nodes finishing together, costs O(n²) appends.
   */
  handle(command: C): Promise<HandleResult<S, E>> {
    const streamId = this.spec.streamIdOf(command);
    const previous = this.inFlight.get(streamId) ?? Promise.resolve();
    const result = previous.then(
      () => this.decideAndAppend(command, streamId),
      () => this.decideAndAppend(command, streamId),
    );
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.set(streamId, settled);
    void settled.then(() => {
      if (this.inFlight.get(streamId) === settled) this.inFlight.delete(streamId);
    });
    return result;
  }

  private readonly inFlight = new Map<string, Promise<void>>();

  private async decideAndAppend(command: C, streamId: string): Promise<HandleResult<S, E>> {
    const { workspaceId, commandId, actorId } = command.metadata;
    for (let attempt = 1; ; attempt++) {
      // First try on the cached state without reading: the expected version makes a
      // stale view fail the append, and then we read and decide again.
      const cached = attempt === 1 ? (this.cache.get(streamId)?.state ?? this.assumedNew(command)) : undefined;
      const loaded = cached ?? (await this.load(streamId));
      if (loaded.workspaceId !== undefined && loaded.workspaceId !== workspaceId) throw new NotFoundError(this.spec.entity, this.spec.entityIdOf(command));
      let events: E[];
      try {
        events = this.spec.decider.decide(command, loaded.state);
      } catch (error) {
        if (cached) continue; // maybe only stale: decide again on the current state
        throw error;
      }
      if (!events.length) {
        if (cached) continue; // "nothing to do" must be judged on the current state
        return { ...loaded, events, duplicate: false };
      }
      try {
        const result = await this.store.append(
          streamId,
          events.map((event) => ({ type: event.type, data: event.data, metadata: { commandId, ...(actorId ? { actorId } : {}), at: command.metadata.now } })),
          {
            expectedVersion: loaded.version,
            streamType: this.spec.streamType,
            workspaceId,
            ...(this.spec.recordsCommandId?.(command) === false ? {} : { commandId }),
            closesStream: this.spec.closes?.(events) ?? false,
          },
        );
        if (result.status === 'duplicate') {
          this.cache.delete(streamId);
          return { ...(await this.load(streamId)), events: [], duplicate: true };
        }
        const state = events.reduce((s, e) => this.spec.decider.evolve(s, e), loaded.state);
        const next = { state, version: result.version, workspaceId };
        // A closed stream (a finished run) takes no more commands: keep the memory for live ones.
        if (this.spec.closes?.(events)) this.cache.delete(streamId);
        else this.cache.set(streamId, next, result.version);
        await this.spec.afterAppend?.(command, events, { version: result.version, lastPosition: result.lastPosition, state });
        return { ...next, events, duplicate: false, lastPosition: result.lastPosition };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= MAX_CONFLICT_RETRIES) throw error;
        this.cache.delete(streamId);
        if (!cached) await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));
      }
    }
  }

  /** The state a creating command starts from, skipping the read; a stream that exists makes the append conflict, and then it is read. */
  private assumedNew(command: C): Loaded<S> | undefined {
    return this.spec.creates?.(command) ? { state: this.spec.decider.initialState(), version: 0, workspaceId: command.metadata.workspaceId } : undefined;
  }

  private fold(from: Loaded<S> | undefined, events: StoredEvent[]): Loaded<S> {
    let state = from?.state ?? this.spec.decider.initialState();
    for (const stored of events) state = this.spec.decider.evolve(state, upcastEvent(stored) as E);
    const last = events[events.length - 1]!;
    return { state, version: last.version, workspaceId: from?.workspaceId ?? events[0]!.workspaceId };
  }
}
