import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestEnv, type TestEnv } from '@weft/testing';
import { launchChromium } from './browser.js';
import { startApi, type Api } from './start-api.js';
import { buildWeb, freePort, startWeb, WEB_DIR, type WebServer } from './web-server.js';

/** Screenshots land here (gitignored), beside the editor test's. */
const ARTIFACTS = path.join(WEB_DIR, 'test-results');
// Another dist dir may be named when other builds share the folder (the default is the one scripts/test.mjs builds).
const DIST_DIR = process.env.WEFT_WEB_E2E_DIST_DIR ?? '.next-e2e';
const PASSWORD = 'a long enough password';

async function signUp(page: Page, origin: string, email: string): Promise<void> {
  await page.goto(`${origin}/sign-up`);
  await page.getByLabel('Name').fill(email.split('@')[0]!);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Workspace').fill(`${email.split('@')[0]} workspace`);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL(`${origin}/workflows`);
}

/** GraphQL through the page, so the browser's session cookie authenticates it. */
async function gql<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const body = await page.evaluate(
    async ({ query, variables }) => {
      const response = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as { data?: unknown; errors?: { message: string }[] };
    },
    { query, variables },
  );
  if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data as T;
}

async function publishWorkflow(page: Page, name: string, graph: unknown): Promise<string> {
  const { createWorkflow } = await gql<{ createWorkflow: { id: string } }>(page, 'mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }', { input: { name, graph } });
  await gql(page, 'mutation ($id: ID!) { publishWorkflow(id: $id) { version } }', { id: createWorkflow.id });
  return createWorkflow.id;
}

const startRun = async (page: Page, workflowId: string, input: unknown = {}) =>
  (await gql<{ startRun: { id: string } }>(page, 'mutation ($input: StartRunInput!) { startRun(input: $input) { id } }', { input: { workflowId, input } })).startRun.id;

const rowStatuses = (page: Page) => page.getByTestId('run-row').evaluateAll((rows) => rows.map((row) => `${row.getAttribute('data-run-id')}:${row.getAttribute('data-status')}`));

describe('the runs list and the dashboard, in Chromium against the real stack', () => {
  let env: TestEnv;
  let api: Api;
  let web: WebServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    env = await createTestEnv();
    // `npm test` builds the web app first, against the API port it passes here; run alone, the test builds it.
    const prebuilt = process.env.WEFT_WEB_E2E_API_PORT && existsSync(path.join(WEB_DIR, DIST_DIR, 'BUILD_ID'));
    const apiPort = prebuilt ? Number(process.env.WEFT_WEB_E2E_API_PORT) : await freePort();
    const webPort = await freePort();
    api = await startApi({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, WEFT_REDIS_PREFIX: env.redisPrefix, WEFT_TRUSTED_ORIGINS: `http://127.0.0.1:${webPort}` }, apiPort);
    if (!prebuilt) buildWeb(api.origin, DIST_DIR);
    web = await startWeb(DIST_DIR, webPort);
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await api?.close();
    await env?.cleanup();
  });

  it('lists runs live with filters in the URL, and charts them on the dashboard', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await signUp(page, web.origin, `eve-${crypto.randomUUID()}@example.com`);

    const steady = await publishWorkflow(page, 'Steady', {
      nodes: [
        { id: 'pause', type: 'delay', config: { seconds: 1 } },
        { id: 'after', type: 'set', config: { values: { done: true } } },
      ],
      edges: [{ id: 'e1', source: 'pause', target: 'after' }],
    });
    const flaky = await publishWorkflow(page, 'Flaky', {
      nodes: [{ id: 'check', type: 'code', config: { code: 'if (input.fail) throw new Error("bad row"); return { ok: true };' }, retry: { maxAttempts: 1 } }],
      edges: [],
    });
    const firstRuns = [await startRun(page, steady), await startRun(page, steady), await startRun(page, flaky, { fail: false }), await startRun(page, flaky, { fail: true })];

    // The list shows them, newest first, and they finish on screen.
    await page.getByRole('link', { name: 'Runs', exact: true }).click();
    await page.waitForURL(`${web.origin}/runs`);
    await expect.poll(() => rowStatuses(page).then((rows) => rows.map((row) => row.split(':')[0])), { timeout: 15_000 }).toEqual([...firstRuns].reverse());
    await expect.poll(async () => (await rowStatuses(page)).map((row) => row.split(':')[1]), { timeout: 20_000 }).toEqual(['failed', 'succeeded', 'succeeded', 'succeeded']);
    expect(await page.getByTestId('runs-table').textContent()).toMatch(/Flaky.*Flaky.*Steady.*Steady/s);

    // A new run appears at the top and turns succeeded, without a reload.
    await page.evaluate(() => ((globalThis as unknown as { weftMarker: number }).weftMarker = 7));
    const live = await startRun(page, steady);
    const seen: string[] = [];
    const liveRow = page.locator(`[data-testid="run-row"][data-run-id="${live}"]`);
    for (const deadline = Date.now() + 20_000; ; ) {
      const now = (await liveRow.count()) ? await liveRow.getAttribute('data-status') : null;
      if (now && seen.at(-1) !== now) seen.push(now);
      if (now === 'succeeded') break;
      if (Date.now() > deadline) throw new Error(`run ${live} never showed succeeded; saw ${seen.join(' → ')}`);
      await page.waitForTimeout(50);
    }
    expect(seen[0]).not.toBe('succeeded'); // it was seen before it finished (the delay holds it for a second)
    expect((await rowStatuses(page))[0]).toBe(`${live}:succeeded`);
    expect(await page.evaluate(() => (globalThis as unknown as { weftMarker?: number }).weftMarker)).toBe(7);
    await page.screenshot({ path: path.join(ARTIFACTS, 'runs.png') });

    // Filter by status: the URL holds it, and a push outside the filter stays out.
    await page.getByLabel('Status').selectOption('failed');
    await page.waitForURL(`${web.origin}/runs?status=failed`);
    await expect.poll(() => rowStatuses(page)).toEqual([`${firstRuns[3]}:failed`]);
    const failing = await startRun(page, flaky, { fail: true });
    await startRun(page, steady);
    await expect.poll(() => rowStatuses(page), { timeout: 20_000 }).toEqual([`${failing}:failed`, `${firstRuns[3]}:failed`]);
    await page.waitForTimeout(1_500);
    expect(await rowStatuses(page)).toEqual([`${failing}:failed`, `${firstRuns[3]}:failed`]);

    // Workflow and time filters, and a reload keeps them.
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Workflow').selectOption({ label: 'Flaky' });
    await page.getByLabel('Started').selectOption('1h');
    await page.waitForURL(`${web.origin}/runs?workflow=${flaky}&window=1h`);
    await page.reload();
    await expect.poll(() => rowStatuses(page)).toHaveLength(3);
    expect(await page.getByLabel('Workflow').inputValue()).toBe(flaky);
    await page.getByLabel('Status').selectOption('cancelled');
    await page.getByTestId('runs-empty').waitFor();

    // A row opens the run on the canvas.
    await page.goto(`${web.origin}/runs`);
    await page.locator(`[data-testid="run-row"][data-run-id="${live}"] a`).click();
    await page.waitForURL(`${web.origin}/workflows/${steady}?run=${live}`);

    // The dashboard: bars for the runs of the last hours, both workflows' durations, the failing node.
    await page.goto(`${web.origin}/dashboard`);
    const chart = page.getByTestId('runs-per-hour');
    await expect.poll(() => chart.locator('rect[data-outcome="succeeded"]').evaluateAll((rects) => rects.reduce((n, r) => n + Number(r.getAttribute('data-count')), 0)), { timeout: 15_000 }).toBe(5);
    expect(await chart.locator('rect[data-outcome="failed"]').evaluateAll((rects) => rects.reduce((n, r) => n + Number(r.getAttribute('data-count')), 0))).toBe(2);
    expect(await chart.locator('svg[role="img"]').getAttribute('aria-label')).toMatch(/5 succeeded, 2 failed, 0 cancelled/);
    expect(await chart.locator('table tbody tr').count()).toBeGreaterThan(0);
    const durations = await page.getByTestId('durations').textContent();
    expect(durations).toContain('Steady');
    expect(durations).toContain('Flaky');
    expect(await page.getByTestId('hotspots').textContent()).toMatch(/Flaky\s*check\s*code\s*2/);
    // Each workflow's last 14 days as a sparkline, its numbers in the chart's label.
    const flakyRow = page.getByTestId('durations').locator('tr', { hasText: 'Flaky' });
    expect(await flakyRow.getByTestId('success-sparkline').locator('svg').getAttribute('aria-label')).toBe('3 runs in 14 days: 1 succeeded, 2 failed, 0 cancelled; success rate 33 %');
    expect(await flakyRow.getByTestId('success-sparkline').textContent()).toContain('33 %');
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard.png'), fullPage: true });

    await page.getByRole('button', { name: '7 days' }).click();
    await page.waitForURL(`${web.origin}/dashboard?window=7d`);
    await expect.poll(() => chart.locator('rect[data-outcome="succeeded"]').count()).toBeGreaterThan(0);
    await context.close();
  }, 180_000);
});
