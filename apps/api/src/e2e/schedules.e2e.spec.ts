import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, createPlatform, startScheduler, type Platform } from '@weft/engine';
import { node } from './graphs.js';
import { publishWorkflow, testConfig, type Stack } from './harness.js';
import { stackPerFile } from './stack-per-file.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const hello = { nodes: [node('hello', 'set', { values: { hello: true } })], edges: [] };

type Fired = { triggerId: string; fireTime: string };

describe('schedules and moments', () => {
  const file = stackPerFile({ roles: ['worker', 'relay', 'projector'] });
  let stack: Stack;
  const extra: { platform: Platform; scheduler: ReturnType<typeof startScheduler> }[] = [];

  beforeAll(() => {
    stack = file.stack;
  });
  afterAll(async () => {
    for (const { scheduler } of extra) await scheduler.stop();
    for (const platform of new Set(extra.map((e) => e.platform))) await platform.close();
  });

  /** A scheduler in a platform of its own, as another process would have it. */
  const addScheduler = async () => {
    const { env } = file;
    const platform = await createPlatform(testConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, WEFT_REDIS_PREFIX: env.redisPrefix }), { logger: createLogger({}, { silent: true }) });
    const entry = { platform, scheduler: startScheduler(platform) };
    extra.push(entry);
    return entry;
  };
  const setTriggers = (workflowId: string, triggers: unknown) =>
    stack.gql<{ setWorkflowTriggers: { triggers: unknown } }>('mutation ($w: ID!, $t: JSON!) { setWorkflowTriggers(workflowId: $w, triggers: $t) { triggers } }', { w: workflowId, t: triggers });
  /** Runs the workflow's triggers started, from the event store: which trigger and occurrence each. */
  const fired = async (workflowId: string): Promise<Fired[]> =>
    (
      await stack.platform.pool.query<Fired>(
        `SELECT data->'trigger'->>'triggerId' AS "triggerId", data->'trigger'->>'fireTime' AS "fireTime" FROM events
          WHERE type = 'workflow.started' AND data->>'workflowId' = $1 AND data ? 'trigger' ORDER BY data->'trigger'->>'fireTime'`,
        [workflowId],
      )
    ).rows;
  const consecutiveSeconds = (times: string[]) => times.every((t, i) => i === 0 || Date.parse(t) - Date.parse(times[i - 1]!) === 1000);

  it('refuses a bad cron expression, an unknown time zone and a moment in the distant past, naming the field, changing nothing', async () => {
    const workflowId = await publishWorkflow(stack, 'refusals', hello);
    const codeOf = async (triggers: unknown) => (await setTriggers(workflowId, triggers)).errors?.[0]?.extensions;
    expect(await codeOf([{ id: 'a', kind: 'schedule', cron: '61 * * * *' }])).toMatchObject({ code: 'BAD_USER_INPUT', field: 'triggers[0].cron' });
    expect(await codeOf([{ id: 'a', kind: 'schedule', cron: '* * * * *', timezone: 'Mars/Base' }])).toMatchObject({ code: 'BAD_USER_INPUT', field: 'triggers[0].timezone' });
    expect(await codeOf([{ id: 'a', kind: 'once', at: '2001-01-01T00:00:00Z' }])).toMatchObject({ code: 'BAD_USER_INPUT', field: 'triggers[0].at' });
    expect(await codeOf([{ id: 'a', kind: 'schedule', cron: '* * * * *', misfire: 'sometimes' }])).toMatchObject({ code: 'BAD_USER_INPUT', field: 'triggers[0].misfire' });
    expect(await codeOf([{ id: 'a', kind: 'carrier-pigeon' }])).toMatchObject({ code: 'BAD_USER_INPUT', field: 'triggers[0].kind' });
    const read = await stack.ok<{ workflow: { triggers: unknown[] } }>('query ($id: ID!) { workflow(id: $id) { triggers } }', { id: workflowId });
    expect(read.workflow.triggers).toEqual([]);
    const preview = await stack.gql('{ cronPreview(expression: "0 9 * * 1-5", timezone: "Nowhere/City") }');
    expect(preview.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timezone' });
  });

  it('previews the next fire times of an expression in a time zone', async () => {
    const { cronPreview } = await stack.ok<{ cronPreview: string[] }>('{ cronPreview(expression: "0 9 * * 1-5", timezone: "America/New_York", count: 3) }');
    expect(cronPreview).toHaveLength(3);
    for (const at of cronPreview) {
      const local = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', hour12: false, weekday: 'short' }).formatToParts(new Date(at));
      expect(Number(local.find((p) => p.type === 'hour')?.value)).toBe(9);
      expect(['Sat', 'Sun']).not.toContain(local.find((p) => p.type === 'weekday')?.value);
    }
  });

  it('fires each occurrence of an every-second schedule exactly once with three schedulers, even when the leader dies', { timeout: 150_000 }, async () => {
    const schedulers = [await addScheduler(), await addScheduler(), await addScheduler()];
    const workflowId = await publishWorkflow(stack, 'every second', hello);
    expect((await setTriggers(workflowId, [{ id: 'tick', kind: 'schedule', cron: '* * * * * *', misfire: 'fire_all', input: { from: 'schedule' } }])).errors).toBeUndefined();
    await sleep(30_000);
    const leader = schedulers.find((s) => s.scheduler.schedules.isLeader);
    expect(leader).toBeDefined();
    await leader!.scheduler.stop(); // its session ends: another takes over
    await sleep(30_000);
    expect((await setTriggers(workflowId, [])).errors).toBeUndefined();
    await sleep(1500);
    const runs = await fired(workflowId);
    const times = runs.map((r) => r.fireTime);
    expect(new Set(times).size).toBe(times.length); // no occurrence twice
    expect(consecutiveSeconds(times)).toBe(true); // none skipped
    expect(times.length).toBeGreaterThanOrEqual(58); // a minute of seconds, each once
    expect(schedulers.filter((s) => s !== leader).some((s) => s.scheduler.schedules.isLeader)).toBe(true);
  });

  it('applies each misfire policy after every scheduler was down for 10 s', { timeout: 60_000 }, async () => {
    const { platform } = await addScheduler();
    const workflowId = await publishWorkflow(stack, 'misfires', hello);
    const every = (id: string, misfire: string) => ({ id, kind: 'schedule', cron: '* * * * * *', misfire });
    expect((await setTriggers(workflowId, [every('skip', 'skip'), every('once', 'fire_once'), every('all', 'fire_all')])).errors).toBeUndefined();
    await sleep(3000);
    for (const s of extra) await s.scheduler.stop();
    const down = Date.now();
    await sleep(10_000);
    const backAt = Date.now();
    const back = startScheduler(platform);
    extra.push({ platform, scheduler: back });
    await sleep(2000);
    await back.stop();
    const runs = await fired(workflowId);
    const during = (id: string) => runs.filter((r) => r.triggerId === id && Date.parse(r.fireTime) > down && Date.parse(r.fireTime) <= backAt).map((r) => r.fireTime);
    // Occurrences older than the 5 s grace when the scheduler came back are misfires:
    // fire_all fired every one, fire_once the latest only, skip none. Within the grace all three fired.
    expect(during('all').length).toBeGreaterThanOrEqual(9);
    expect(consecutiveSeconds(during('all'))).toBe(true);
    expect(during('once').length).toBe(during('skip').length + 1);
    expect(during('skip').every((t) => Date.parse(t) >= backAt - 6000)).toBe(true);
    expect(during('skip').length).toBeLessThan(during('all').length);
    const all = runs.filter((r) => r.triggerId === 'all').map((r) => r.fireTime);
    expect(new Set(all).size).toBe(all.length);
  });

  it('fires a moment once, keeps a paused schedule silent without catching up, and stops triggers when archived', { timeout: 60_000 }, async () => {
    const { scheduler } = await addScheduler();
    const workflowId = await publishWorkflow(stack, 'moment', hello);
    const at = new Date(Date.now() + 1500).toISOString();
    expect((await setTriggers(workflowId, [{ id: 'soon', kind: 'once', at }, { id: 'tick', kind: 'schedule', cron: '* * * * * *', paused: true }])).errors).toBeUndefined();
    await sleep(3500);
    expect(await fired(workflowId)).toEqual([{ triggerId: 'soon', fireTime: at }]);
    await expect
      .poll(async () => (await stack.ok<{ runs: { nodes: { trigger: unknown }[] } }>('query ($w: ID) { runs(first: 5, workflowId: $w) { nodes { trigger } } }', { w: workflowId })).runs.nodes, { timeout: 5000 })
      .toEqual([{ trigger: { kind: 'once', triggerId: 'soon', fireTime: at } }]);
    const resumedAt = Date.now();
    await stack.ok('mutation ($w: ID!) { setTriggerPaused(workflowId: $w, triggerId: "tick", paused: false) { id } }', { w: workflowId });
    await sleep(2500);
    const ticks = (await fired(workflowId)).filter((r) => r.triggerId === 'tick');
    expect(ticks.length).toBeGreaterThanOrEqual(1);
    expect(ticks.every((r) => Date.parse(r.fireTime) >= resumedAt - 1000)).toBe(true); // nothing from the pause
    await stack.ok('mutation ($id: ID!) { archiveWorkflow(id: $id) { id } }', { id: workflowId });
    await sleep(1000);
    const afterArchive = (await fired(workflowId)).length;
    await sleep(2000);
    expect((await fired(workflowId)).length).toBe(afterArchive);
    expect(scheduler.schedules).toBeDefined();
  });

  it('returns the same run for a start retried with the same idempotency key, over GraphQL and HTTP', async () => {
    const workflowId = await publishWorkflow(stack, 'idempotent', hello);
    const start = (key: string) => stack.ok<{ startRun: { id: string } }>('mutation ($i: StartRunInput!) { startRun(input: $i) { id } }', { i: { workflowId, input: { n: 1 }, idempotencyKey: key } });
    const first = await start('order-17');
    expect((await start('order-17')).startRun.id).toBe(first.startRun.id);
    expect((await start('order-18')).startRun.id).not.toBe(first.startRun.id);
    const post = () =>
      fetch(`${stack.base}/api/workflows/${workflowId}/runs?wait=5000`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'http-1', ...stack.headers }, body: '{}' }).then(
        (r) => r.json() as Promise<{ runId: string; status: string }>,
      );
    const a = await post();
    const b = await post();
    expect(b.runId).toBe(a.runId);
    expect(b.status).toBe('succeeded');
    const bad = await stack.gql('mutation ($i: StartRunInput!) { startRun(input: $i) { id } }', { i: { workflowId, idempotencyKey: 'has spaces' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
  });
});
