import type { Redis } from 'ioredis';
import { busKeys, type BusKeys } from './bus-keys.js';

/** Receives each live message of a run, parsed from JSON. */
export type LiveListener = (message: unknown) => void;

export type LiveSubscriberOptions = {
  /** Told about listener exceptions, unparsable messages and failed resubscriptions. Default `console`. */
  logger?: { warn(message: string, context?: Record<string, unknown>): void };
};

type Channel = { listeners: Set<LiveListener>; subscribed: Promise<unknown> };

/**
 * Live updates of runs over Redis Pub/Sub on ONE connection, however many
 * watchers: it takes ownership of `redis`, which must be dedicated to it (a
 * connection in subscriber mode serves nothing else) and is closed by `close()`.
 *
 * Invariants:
 * - A channel is subscribed while at least one listener wants it (reference count);
 *   the last listener leaving unsubscribes it.
 * - After a reconnect every channel with listeners is subscribed again (messages
 *   published while disconnected are lost: Pub/Sub keeps nothing).
 */
export class LiveSubscriber {
  readonly keys: BusKeys;
  private readonly channels = new Map<string, Channel>();
  private readonly logger: NonNullable<LiveSubscriberOptions['logger']>;
  private closed = false;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    options: LiveSubscriberOptions = {},
  ) {
    this.keys = busKeys(prefix);
    this.logger = options.logger ?? console;
    redis.on('message', (channel: string, message: string) => this.dispatch(channel, message));
    redis.on('ready', () => this.resubscribe());
    // Connection errors are retried by ioredis; without a listener they would crash the process.
    redis.on('error', (error: Error) => this.logger.warn('live subscriber connection error', { error: error.message }));
  }

  /**
   * Calls `listener` with each message published to run `runId` from now on.
   * Resolves once Redis acknowledged the SUBSCRIBE (nothing published after that
   * is missed), with a function that removes this listener.
   */
  async subscribe(runId: string, listener: LiveListener): Promise<() => Promise<void>> {
    if (this.closed) throw new Error('LiveSubscriber is closed');
    const name = this.keys.runChannel(runId);
    let channel = this.channels.get(name);
    if (!channel) {
      channel = { listeners: new Set(), subscribed: this.redis.subscribe(name) };
      this.channels.set(name, channel);
    }
    channel.listeners.add(listener);
    try {
      await channel.subscribed;
    } catch (error) {
      channel.listeners.delete(listener);
      if (this.channels.get(name) === channel && channel.listeners.size === 0) this.channels.delete(name);
      throw error;
    }
    let removed = false;
    return async () => {
      if (removed) return;
      removed = true;
      await this.remove(name, channel, listener);
    };
  }

  /** Channels currently subscribed (for metrics and tests). */
  get channelCount(): number {
    return this.channels.size;
  }

  /** Drops every listener and closes the connection. */
  async close(): Promise<void> {
    this.closed = true;
    this.channels.clear();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private async remove(name: string, channel: Channel, listener: LiveListener): Promise<void> {
    channel.listeners.delete(listener);
    if (channel.listeners.size > 0 || this.channels.get(name) !== channel) return;
    // Deleted before UNSUBSCRIBE is sent: a new subscriber creates a new entry whose
    // SUBSCRIBE goes out after it on the same connection, so it ends up subscribed.
    this.channels.delete(name);
    if (!this.closed) await this.redis.unsubscribe(name);
  }

  private dispatch(name: string, raw: string): void {
    const channel = this.channels.get(name);
    if (!channel) return;
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      this.logger.warn('live message is not JSON; dropped', { channel: name });
      return;
    }
    for (const listener of [...channel.listeners]) {
      try {
        listener(message);
      } catch (error) {
        this.logger.warn('live listener threw', { channel: name, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  private resubscribe(): void {
    const names = [...this.channels.keys()];
    if (names.length === 0 || this.closed) return;
    this.redis.subscribe(...names).catch((error: unknown) => {
      this.logger.warn('live resubscribe failed', { channels: names.length, error: error instanceof Error ? error.message : String(error) });
    });
  }
}
