/** Every Redis key and channel Weft uses, derived from one prefix (e.g. `weft:`). */
export type BusKeys = {
  readonly prefix: string;
  /** The stream of tasks waiting for a worker of `queue`. */
  taskStream(queue: string): string;
  /** The stream of every published lifecycle event (webhooks, audit, external consumers). */
  readonly eventFeed: string;
  /** The Pub/Sub channel of live updates for one run. */
  runChannel(runId: string): string;
  /** The key whose absence means Redis lost its data (see `RedisEpoch`). */
  readonly epoch: string;
  /** The base of the keys counting a node type's attempts running in a workspace (see `NodeLimiter`). */
  nodeLimit(workspaceId: string, nodeType: string): string;
};

/** Keys under `prefix`; every key and channel starts with it, so one prefix isolates one deployment (or one test). */
export function busKeys(prefix: string): BusKeys {
  const part = (kind: string, value: string): string => {
    if (!value) throw new TypeError(`${kind} must be a non-empty string`);
    return value;
  };
  return {
    prefix,
    taskStream: (queue) => `${prefix}tasks:${part('queue', queue)}`,
    eventFeed: `${prefix}events`,
    runChannel: (runId) => `${prefix}live:run:${part('runId', runId)}`,
    epoch: `${prefix}epoch`,
    nodeLimit: (workspaceId, nodeType) => `${prefix}limit:${part('workspaceId', workspaceId)}:${part('nodeType', nodeType)}`,
  };
}
