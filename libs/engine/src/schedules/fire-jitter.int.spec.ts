import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandMetadata } from '@weft/domain';
import { createTestEnv, type TestEnv } from '@weft/testing';
import { loadConfig } from '../config/weft-config.js';
import { createLogger } from '../logger.js';
import { createPlatform, type Platform } from '../runtime/platform.js';
import { startScheduler, type RoleHandle } from '../runtime/roles.js';
import { TimersProjector } from '../projection/timers.projector.js';
import { TaskProcessor } from '../worker/task-processor.js';

/** The scheduler role fires a moment and a durable timer that were due seconds ago: their lateness is observed. */
describe('scheduler fire jitter', () => {
  let env: TestEnv;
  let platform: Platform;
  let scheduler: RoleHandle | undefined;
  const meta = (commandId: string): CommandMetadata => ({ commandId, now: new Date().toISOString(), workspaceId: 'ws' });

  beforeAll(async () => {
    env = await createTestEnv();
    platform = await createPlatform(loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, WEFT_REDIS_PREFIX: env.redisPrefix, NODE_ENV: 'test', WEFT_PG_POOL_SIZE: '3' }), { logger: createLogger({}, { silent: true }) });
  });
  afterAll(async () => {
    await scheduler?.stop();
    await platform?.close();
    await env?.cleanup();
  });

  const jitter = async (kind: string) => {
    const { values } = await platform.metrics.fireJitter.get();
    const of = (name: string) => values.find((v) => v.metricName === name && v.labels.kind === kind)?.value ?? 0;
    return { count: of('weft_scheduler_fire_jitter_seconds_count'), sum: of('weft_scheduler_fire_jitter_seconds_sum') };
  };

  it('observes fire time minus due time, by kind', async () => {
    const graph = { nodes: [{ id: 'a', type: 'set', config: { values: {} } }], edges: [] };
    await platform.aggregates.workflows.handle({ type: 'CreateWorkflow', data: { workflowId: 'wf', name: 'late', graph }, metadata: meta('create') });
    await platform.aggregates.workflows.handle({ type: 'PublishWorkflow', data: { workflowId: 'wf' }, metadata: meta('publish') });
    // A moment due 3 s ago (as after a scheduler outage).
    await platform.pool.query(
      `INSERT INTO rm_schedules (workflow_id, trigger_id, workspace_id, kind, cron, timezone, misfire, paused, input, next_fire_at)
       VALUES ('wf', 'moment', 'ws', 'once', NULL, NULL, 'fire_once', false, '{}', now() - interval '3 seconds')`,
    );
    expect(await jitter('once')).toEqual({ count: 0, sum: 0 });
    scheduler = startScheduler(platform);
    const deadline = Date.now() + 10_000;
    while ((await jitter('once')).count === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const observed = await jitter('once');
    expect(observed.count).toBe(1);
    expect(observed.sum).toBeGreaterThanOrEqual(3);
    expect(observed.sum).toBeLessThan(15);
    expect((await platform.metrics.exposition()).body).toMatch(/^weft_scheduler_fire_jitter_seconds_bucket\{le="5",kind="once"\} 1$/m);
  });

  it('observes a durable timer (a delay node’s) fired late', async () => {
    const runId = crypto.randomUUID();
    const graph = { nodes: [{ id: 'pause', type: 'delay', config: { seconds: 60 } }], edges: [] };
    await platform.aggregates.runs.handle({ type: 'StartRun', data: { runId, workflowId: 'wf', workflowVersion: 1, graph, input: {} }, metadata: meta(`start-${runId}`) });
    const processor = new TaskProcessor({ aggregates: platform.aggregates, nodes: platform.nodes!, registry: platform.registry, services: platform.services, workerId: 't', logger: createLogger({}, { silent: true }) });
    expect(await processor.process({ runId, nodeId: 'pause', attempt: 1, workspaceId: 'ws', scheduledAt: new Date().toISOString() }, new AbortController().signal)).toBe('waiting');
    await new TimersProjector(platform.pool).handle(await platform.store.readStream(`run-${runId}`));
    scheduler ??= startScheduler(platform);
    // Due 2 s ago rather than in a minute (as after a scheduler outage).
    expect((await platform.pool.query("UPDATE timers SET due_at = now() - interval '2 seconds' WHERE run_id = $1", [runId])).rowCount).toBe(1);
    const deadline = Date.now() + 10_000;
    while ((await jitter('timer')).count === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const observed = await jitter('timer');
    expect(observed.count).toBe(1);
    expect(observed.sum).toBeGreaterThanOrEqual(2);
  });
});
