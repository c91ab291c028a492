import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '@weft/testing';
import { node } from './graphs.js';
import { publishWorkflow, startRun, startStack, waitForRun, type Stack } from './harness.js';
import { duplicateCompletions } from './invariants.js';
import { spawnWorker, type WorkerProcess } from './worker-process.js';

/** Answers each request after `delayMs` (changeable), recording its path and Idempotency-Key. */
async function startEffectServer(delayMs: number) {
  const state = { delayMs, inFlight: 0, requests: [] as { path: string; key: string | undefined }[] };
  const server = http.createServer((request, response) => {
    state.requests.push({ path: request.url ?? '', key: request.headers['idempotency-key'] as string | undefined });
    state.inFlight += 1;
    const timer = setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'), state.delayMs);
    response.on('close', () => {
      clearTimeout(timer);
      state.inFlight -= 1;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { state, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const exitOf = (worker: WorkerProcess) => new Promise<number | null>((resolve) => (worker.child.exitCode !== null ? resolve(worker.child.exitCode) : worker.child.once('exit', (code) => resolve(code))));

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A worker told to stop (SIGTERM) takes nothing new, lets the tasks in flight finish within
 * WEFT_SHUTDOWN_DEADLINE_MS, hands back the rest for other workers at once, and exits 0:
 * no run notices, no effect is doubled under a different key.
 */
describe('graceful shutdown of a worker with 20 tasks in flight', () => {
  let env: TestEnv;
  let stack: Stack;
  let pool: pg.Pool;
  let server: Awaited<ReturnType<typeof startEffectServer>>;
  let workers: WorkerProcess[] = [];
  let vars: Record<string, string>;

  beforeEach(async () => {
    env = await createTestEnv();
    vars = { DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, WEFT_REDIS_PREFIX: env.redisPrefix, WEFT_HTTP_ALLOW: '127.0.0.1', NODE_ENV: 'test', WEFT_ROLES: 'worker', WEFT_WORKER_CONCURRENCY: '20' };
    // The API, relay, projector and scheduler in this process; workers are separate processes.
    stack = await startStack({ env: vars, roles: ['relay', 'projector', 'scheduler'] });
    pool = new pg.Pool({ connectionString: env.databaseUrl, max: 2 });
  });
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    workers = [];
    await server?.close();
    await stack?.close();
    await pool?.end();
    await env?.cleanup();
  });

  const startTwentyRuns = async () => {
    const workflowId = await publishWorkflow(stack, 'one call', { nodes: [node('call', 'http', { method: 'POST', url: `${server.url}/effect/{{ n }}`, body: { n: '{{ n }}' } })], edges: [] });
    return Promise.all(Array.from({ length: 20 }, (_, n) => startRun(stack, workflowId, { n })));
  };

  it('lets the 20 tasks finish on the stopping worker within the deadline, then exits 0', { timeout: 90_000 }, async () => {
    server = await startEffectServer(2000);
    const worker = spawnWorker({ ...vars, WEFT_SHUTDOWN_DEADLINE_MS: '20000' });
    workers.push(worker);
    const runIds = await startTwentyRuns();
    await until(() => server.state.inFlight === 20, 30_000, '20 calls in flight');

    worker.child.kill('SIGTERM');
    expect(await exitOf(worker)).toBe(0);

    // No worker is left: every run could only have finished on the one that stopped.
    const outcomes = await Promise.all(runIds.map((id) => waitForRun(stack, id, 20_000)));
    expect(outcomes.map((o) => o.status)).toEqual(runIds.map(() => 'succeeded'));
    expect(server.state.requests).toHaveLength(20);
    expect(await duplicateCompletions(pool)).toEqual([]);
    expect(worker.output()).toContain('"msg":"shutting down"');
  });

  it('past the deadline hands the 20 tasks back at once (reclaimable, delivery count untouched); another worker completes them with the same idempotency keys', { timeout: 120_000 }, async () => {
    server = await startEffectServer(60_000);
    const visibilityTimeoutMs = 30_000;
    const stopping = spawnWorker({ ...vars, WEFT_SHUTDOWN_DEADLINE_MS: '500', WEFT_VISIBILITY_TIMEOUT_MS: String(visibilityTimeoutMs) });
    workers.push(stopping);
    const runIds = await startTwentyRuns();
    await until(() => server.state.inFlight === 20, 30_000, '20 calls in flight');

    const stoppedAt = Date.now();
    stopping.child.kill('SIGTERM');
    expect(await exitOf(stopping)).toBe(0);
    // Without the deadline it would have waited for the 60-second calls.
    expect(Date.now() - stoppedAt).toBeLessThan(30_000);

    // Handed back: still pending in the group, idle past the visibility timeout (any worker may take them now), not counted as a crash.
    const redis = new Redis(env.redisUrl);
    try {
      const pending = (await redis.xpending(`${env.redisPrefix}tasks:default`, 'workers', 'IDLE', visibilityTimeoutMs, '-', '+', 100)) as [string, string, number, number][];
      expect(pending).toHaveLength(20);
      expect(pending.map(([, , , deliveries]) => deliveries)).toEqual(runIds.map(() => 0));
    } finally {
      redis.disconnect();
    }

    server.state.delayMs = 10;
    workers.push(spawnWorker({ ...vars, WEFT_VISIBILITY_TIMEOUT_MS: String(visibilityTimeoutMs) }));
    const outcomes = await Promise.all(runIds.map((id) => waitForRun(stack, id, 60_000)));
    expect(outcomes.map((o) => o.status)).toEqual(runIds.map(() => 'succeeded'));
    expect(await duplicateCompletions(pool)).toEqual([]);
    // Each effect was tried twice (cut off, then completed), both times under the attempt's one key.
    const keysByPath = new Map<string, Set<string | undefined>>();
    for (const { path, key } of server.state.requests) keysByPath.set(path, (keysByPath.get(path) ?? new Set()).add(key));
    expect(keysByPath.size).toBe(20);
    for (const keys of keysByPath.values()) {
      expect(keys.size).toBe(1);
      expect([...keys][0]).toMatch(/^[^:]+:[^:]+:\d+$/);
    }
    expect(server.state.requests).toHaveLength(40);
  });
});
