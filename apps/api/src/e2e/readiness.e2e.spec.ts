import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, freePort, type TestEnv } from '@weft/testing';
import { startRoleProcess, type RoleProcess } from './cluster/role-process.js';
import { TEST_ORIGIN } from './identity.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

type Probe = { status: number; body: { status?: string; draining?: boolean; checks?: Record<string, { ok: boolean; error?: string }> } };

const probe = async (base: string, path: string): Promise<Probe> => {
  const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(5000) });
  return { status: response.status, body: (await response.json()) as Probe['body'] };
};

/** Polls `path` until `accept` holds (readiness changes within a probe timeout or a reconnect). */
async function until(base: string, path: string, accept: (p: Probe) => boolean, timeoutMs = 15_000): Promise<Probe> {
  const deadline = Date.now() + timeoutMs;
  let last: Probe | undefined;
  while (Date.now() < deadline) {
    last = await probe(base, path).catch(() => undefined);
    if (last && accept(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${base}${path} never reached the expected state; last answer: ${JSON.stringify(last)}`);
}

const ready = (p: Probe) => p.status === 200;
const failing = (dependency: string) => (p: Probe) => p.status === 503 && p.body.checks?.[dependency]?.ok === false;

describe('health and readiness of the API and of a worker process, with PostgreSQL and Redis behind proxies a test can break', () => {
  let env: TestEnv;
  let redis: TcpProxy;
  let postgres: TcpProxy;
  let api: RoleProcess;
  let worker: RoleProcess;
  let apiBase: string;
  let workerBase: string;

  beforeAll(async () => {
    env = await createTestEnv();
    const redisUrl = new URL(env.redisUrl);
    const databaseUrl = new URL(env.databaseUrl);
    redis = await startTcpProxy({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) });
    postgres = await startTcpProxy({ host: databaseUrl.hostname, port: Number(databaseUrl.port || 5432) });
    const proxiedDatabase = new URL(env.databaseUrl);
    proxiedDatabase.host = `127.0.0.1:${postgres.port}`;
    const [apiPort, healthPort] = [await freePort(), await freePort()];
    const vars = {
      DATABASE_URL: proxiedDatabase.toString(),
      REDIS_URL: redis.url('redis'),
      WEFT_REDIS_PREFIX: env.redisPrefix,
      NODE_ENV: 'test',
      WEFT_PUBLIC_URL: TEST_ORIGIN,
      WEFT_READINESS_TIMEOUT_MS: '500',
      WEFT_PG_POOL_SIZE: '3',
    };
    api = startRoleProcess({ name: 'api', entry: 'api', env: { WEFT_ROLES: 'api', PORT: String(apiPort) } }, vars);
    worker = startRoleProcess({ name: 'worker', entry: 'worker', env: { WEFT_ROLES: 'worker', WEFT_HEALTH_PORT: String(healthPort) } }, vars);
    await Promise.all([api.ready(), worker.ready()]);
    apiBase = `http://127.0.0.1:${apiPort}`;
    workerBase = `http://127.0.0.1:${healthPort}`;
  }, 60_000);

  afterAll(async () => {
    await Promise.all([api?.stop('SIGKILL'), worker?.stop('SIGKILL')]);
    await Promise.all([redis?.close(), postgres?.close()]);
    await env?.cleanup();
  });

  it('answers ready with both dependencies checked, and alive, on the API port and on the worker health port', async () => {
    for (const base of [apiBase, workerBase]) {
      const answer = await until(base, '/readyz', ready);
      expect(answer.body).toMatchObject({ status: 'ready', draining: false, checks: { postgres: { ok: true }, redis: { ok: true } } });
      expect(await probe(base, '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    }
  });

  it('turns not ready while Redis is half-open (connections open, nothing answers), says which, stays alive, and ready again once it answers', async () => {
    redis.stall();
    for (const base of [apiBase, workerBase]) {
      const answer = await until(base, '/readyz', failing('redis'));
      expect(answer.body.checks).toMatchObject({ postgres: { ok: true }, redis: { ok: false, error: 'no answer within 500 ms' } });
      expect((await probe(base, '/healthz')).status).toBe(200);
    }
    redis.heal();
    for (const base of [apiBase, workerBase]) await until(base, '/readyz', ready);
  });

  it('turns not ready while Redis refuses connections, and ready again once it is back', async () => {
    redis.down();
    for (const base of [apiBase, workerBase]) await until(base, '/readyz', failing('redis'));
    redis.heal();
    for (const base of [apiBase, workerBase]) await until(base, '/readyz', ready, 30_000);
  });

  it('turns not ready while PostgreSQL does not answer, and ready again once it does', async () => {
    postgres.stall();
    for (const base of [apiBase, workerBase]) {
      const answer = await until(base, '/readyz', failing('postgres'));
      expect(answer.body.checks?.redis?.ok).toBe(true);
    }
    postgres.heal();
    for (const base of [apiBase, workerBase]) await until(base, '/readyz', ready);
  });

  it('serves Prometheus metrics without a session', async () => {
    for (const base of [apiBase, workerBase]) {
      const response = await fetch(`${base}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain');
      const text = await response.text();
      expect(text).toContain('# TYPE weft_runs_started_total counter');
      expect(text).toMatch(/^weft_process_resident_memory_bytes \d+/m);
      expect(text).toContain('# TYPE weft_node_duration_seconds histogram');
      expect(text).toContain('# TYPE weft_scheduler_fire_jitter_seconds histogram');
    }
    // Read from Redis at scrape time by a process running the worker role.
    const worker = await (await fetch(`${workerBase}/metrics`)).text();
    expect(worker).toMatch(/^weft_queue_depth\{queue="default"\} \d+$/m);
    expect(worker).toMatch(/^weft_queue_oldest_age_seconds\{queue="default"\} [\d.]+$/m);
  });

  it('turns not ready as soon as a worker is told to stop, then exits cleanly', async () => {
    worker.signal('SIGTERM');
    const answer = await until(workerBase, '/readyz', (p) => p.status === 503, 5000).catch(() => undefined);
    // The worker may finish stopping before a probe lands; either it answered draining, or it is gone.
    if (answer) expect(answer.body).toMatchObject({ status: 'not ready', draining: true });
    await worker.stop('SIGTERM');
    expect(worker.exited()).toBe(true);
  });
});
