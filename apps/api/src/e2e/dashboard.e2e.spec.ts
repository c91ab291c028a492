import { beforeAll, describe, expect, it } from 'vitest';
import { node } from './graphs.js';
import { publishWorkflow, startRun, waitForRun, type Client } from './harness.js';
import { outsiderClient, stackPerFile } from './stack-per-file.js';

const DASHBOARD = /* GraphQL */ `query ($hours: Int!) { dashboard(hours: $hours) {
  since runsPerHour { start succeeded failed cancelled active }
  durations { workflowId workflowName runs p50Ms p95Ms }
  failureHotspots { workflowId workflowName nodeId nodeType failures } } }`;
const ACTIVITY = /* GraphQL */ `{ workflows { nodes { name lastRun { id status } runStats(days: 7) { runs succeeded failed cancelled successRate days { start succeeded failed } } } } }`;

type Bucket = { start: string; succeeded: number; failed: number; cancelled: number; active: number };
type DashboardView = { dashboard: { since: string; runsPerHour: Bucket[]; durations: { workflowName: string; runs: number; p50Ms: number; p95Ms: number }[]; failureHotspots: { workflowName: string; nodeId: string; nodeType: string; failures: number }[] } };
type Activity = { workflows: { nodes: { name: string; lastRun: { id: string; status: string } | null; runStats: { runs: number; succeeded: number; failed: number; cancelled: number; successRate: number | null; days: Bucket[] } }[] } };

describe('dashboard and workflow activity', () => {
  const file = stackPerFile();
  let outsider: Client;
  let lastFlakyRun: string;

  beforeAll(async () => {
    const { stack } = file;
    outsider = await outsiderClient(stack);

    const steady = await publishWorkflow(stack, 'steady', { nodes: [node('hello', 'set', { values: { ok: true } })], edges: [] });
    const flaky = await publishWorkflow(stack, 'flaky', { nodes: [node('check', 'code', { code: 'if (input.fail) throw new Error("bad row"); return { ok: true };' }, { retry: { maxAttempts: 1 } })], edges: [] });
    await publishWorkflow(stack, 'idle', { nodes: [node('hello', 'set', { values: {} })], edges: [] });
    const runs = [...[1, 2, 3].map(() => startRun(stack, steady, {})), startRun(stack, flaky, { fail: false }), startRun(stack, flaky, { fail: true })];
    const ids = await Promise.all(runs);
    for (const id of ids) await waitForRun(stack, id);
    lastFlakyRun = await startRun(stack, flaky, { fail: true });
    await waitForRun(stack, lastFlakyRun);
  });

  it('counts the runs per hour by outcome, with each workflow\'s durations and the failing nodes', async () => {
    const { stack } = file;
    const { dashboard } = await stack.ok<DashboardView>(DASHBOARD, { hours: 24 });
    expect(dashboard.runsPerHour).toHaveLength(24);
    const total = dashboard.runsPerHour.reduce((sum, b) => ({ succeeded: sum.succeeded + b.succeeded, failed: sum.failed + b.failed, active: sum.active + b.active }), { succeeded: 0, failed: 0, active: 0 });
    expect(total).toEqual({ succeeded: 4, failed: 2, active: 0 });
    expect(Date.parse(dashboard.runsPerHour.at(-1)!.start)).toBeLessThanOrEqual(Date.now());
    expect(dashboard.durations.map((d) => [d.workflowName, d.runs]).sort()).toEqual([['flaky', 3], ['steady', 3]]);
    for (const d of dashboard.durations) expect(d.p95Ms).toBeGreaterThanOrEqual(d.p50Ms);
    expect(dashboard.failureHotspots).toEqual([expect.objectContaining({ workflowName: 'flaky', nodeId: 'check', nodeType: 'code', failures: 2 })]);
  });

  it("shows each workflow's last run and success rate by day, and nothing of another workspace's", async () => {
    const { stack } = file;
    const byName = Object.fromEntries((await stack.ok<Activity>(ACTIVITY)).workflows.nodes.map((w) => [w.name, w]));
    expect(byName.flaky!.lastRun).toEqual({ id: lastFlakyRun, status: 'failed' });
    expect(byName.flaky!.runStats).toMatchObject({ runs: 3, succeeded: 1, failed: 2, cancelled: 0, successRate: 1 / 3 });
    expect(byName.flaky!.runStats.days).toHaveLength(7);
    const days = byName.flaky!.runStats.days;
    expect([days.reduce((n, d) => n + d.succeeded, 0), days.reduce((n, d) => n + d.failed, 0)]).toEqual([1, 2]);
    expect(byName.steady!.runStats.successRate).toBe(1);
    expect(byName.idle).toMatchObject({ lastRun: null, runStats: { runs: 0, successRate: null } });

    const theirs = await outsider.ok<DashboardView>(DASHBOARD, { hours: 1 });
    expect(theirs.dashboard).toMatchObject({ runsPerHour: [{ succeeded: 0, failed: 0, active: 0 }], durations: [], failureHotspots: [] });
  });

  it('filters runs by start time, and refuses a window out of bounds', async () => {
    const { stack } = file;
    const count = async (variables: Record<string, unknown>) => (await stack.ok<{ runs: { nodes: unknown[] } }>('query ($a: DateTime, $b: DateTime) { runs(first: 100, startedAfter: $a, startedBefore: $b) { nodes { id } } }', variables)).runs.nodes.length;
    expect(await count({ a: new Date(Date.now() - 3_600_000).toISOString() })).toBe(6);
    expect(await count({ b: new Date(Date.now() - 3_600_000).toISOString() })).toBe(0);
    const refused = await stack.gql(DASHBOARD, { hours: 1000 });
    expect(refused.errors?.[0]).toMatchObject({ message: 'hours: must be a whole number from 1 to 168, got 1000', extensions: { code: 'BAD_USER_INPUT', field: 'hours' } });
  });
});
