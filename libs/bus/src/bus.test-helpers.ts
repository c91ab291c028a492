import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { TaskMessage } from './task-message.js';

/** A key prefix of its own for one test file on the shared Redis (clean up with `deleteRedisPrefix`). */
export const uniquePrefix = (): string => `weft:t:bus-${randomUUID().slice(0, 8)}:`;

/** Connections opened by a test file, closed together. */
export function connections(url: string): { open(): Redis; closeAll(): void } {
  const opened: Redis[] = [];
  return {
    open() {
      const redis = new Redis(url, { maxRetriesPerRequest: null });
      redis.on('error', () => undefined); // restarts in tests are expected; ioredis reconnects
      opened.push(redis);
      return redis;
    },
    closeAll() {
      for (const redis of opened.splice(0)) redis.disconnect();
    },
  };
}

export const task = (nodeId: string, extra: Partial<TaskMessage> = {}): TaskMessage => ({
  runId: 'run-1',
  nodeId,
  attempt: 1,
  workspaceId: 'ws-1',
  scheduledAt: '2026-11-25T21:00:00.000Z',
  ...extra,
});

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every 10 ms until it holds, or fails after `timeoutMs`. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}
