import type { GuardedFetch, HostGuard, NodeServices, WorkspaceAllow } from '@weft/nodes';

/** A workspace's current allow-list and the stream version it was read at. */
export type LoadedAllowList = { entries: readonly string[]; version: number };

export type WorkspaceServicesOptions = {
  /** The services every workspace without an allow-list of its own uses (the operator's policy). */
  base: NodeServices;
  /** The operator's allow-list (WEFT_HTTP_ALLOW), which every workspace's policy includes. */
  allow: readonly string[];
  loadAllowList(workspaceId: string): Promise<LoadedAllowList>;
  workspaceAllow(entries: readonly string[]): WorkspaceAllow;
  createFetch(options: { allow: readonly string[]; workspaceAllow: WorkspaceAllow }): GuardedFetch;
  createHostGuard(options: { allow: readonly string[]; workspaceAllow: WorkspaceAllow }): HostGuard;
  /** Workspaces whose guarded fetch (and connection pool) is kept; the least recently built beyond it is closed. */
  maxCached?: number;
};

type Guards = { version: number; fetch: GuardedFetch; guardHost: HostGuard };

/**
 * Node services for one node attempt in a workspace: `fetch` and `guardHost` follow the
 * workspace's allow-list as it stands when the node first reaches out (read once per
 * attempt, and only by nodes that do). A changed list takes effect from the next attempt.
 */
export function createWorkspaceServices(options: WorkspaceServicesOptions): (workspaceId: string) => NodeServices {
  const cache = new Map<string, Guards>();
  const maxCached = options.maxCached ?? 200;

  const guardsOf = async (workspaceId: string): Promise<Pick<NodeServices, 'fetch' | 'guardHost'>> => {
    const { entries, version } = await options.loadAllowList(workspaceId);
    if (!entries.length) return options.base;
    const cached = cache.get(workspaceId);
    if (cached?.version === version) return cached;
    if (cached) void cached.fetch.close();
    const policy = { allow: options.allow, workspaceAllow: options.workspaceAllow(entries) };
    const guards: Guards = { version, fetch: options.createFetch(policy), guardHost: options.createHostGuard(policy) };
    cache.delete(workspaceId);
    cache.set(workspaceId, guards);
    if (cache.size > maxCached) {
      const [oldest, evicted] = cache.entries().next().value!;
      cache.delete(oldest);
      void evicted.fetch.close();
    }
    return guards;
  };

  return (workspaceId) => {
    let guards: Promise<Pick<NodeServices, 'fetch' | 'guardHost'>> | undefined;
    const current = () => (guards ??= guardsOf(workspaceId));
    return {
      ...options.base,
      fetch: (input, init) => current().then((g) => g.fetch(input, init)),
      guardHost: async (host, port) => {
        const { guardHost } = await current();
        if (!guardHost) throw new Error('this process was created without node plugins');
        return guardHost(host, port);
      },
    };
  };
}
