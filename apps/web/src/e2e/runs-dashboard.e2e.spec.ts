import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { attributesOf } from './browser.js';
import { ARTIFACTS, browserStackPerFile, graphqlInPage, newSignedInPage, publishInPage } from './browser-stack.js';

const startRun = async (page: Page, workflowId: string, input: unknown = {}) =>
  (await graphqlInPage<{ startRun: { id: string } }>(page, 'mutation ($input: StartRunInput!) { startRun(input: $input) { id } }', { input: { workflowId, input } })).startRun.id;

/** The sum of the `data-count` of the chart's bars the locator finds. */
const countOf = async (bars: Locator) => (await attributesOf(bars, 'data-count')).reduce((n, [count]) => n + Number(count), 0);
const rowStatuses = async (page: Page) => (await attributesOf(page.getByTestId('run-row'), 'data-run-id', 'data-status')).map(([id, status]) => `${id}:${status}`);

describe('the runs list and the dashboard, in Chromium against the real stack', () => {
  const stack = browserStackPerFile();

  it('lists runs live with filters in the URL, and charts them on the dashboard', async () => {
    const { context, page } = await newSignedInPage(stack, { name: 'eve', viewport: { width: 1400, height: 900 } });

    const steady = await publishInPage(page, 'Steady', {
      nodes: [
        { id: 'pause', type: 'delay', config: { seconds: 1 } },
        { id: 'after', type: 'set', config: { values: { done: true } } },
      ],
      edges: [{ id: 'e1', source: 'pause', target: 'after' }],
    });
    const flaky = await publishInPage(page, 'Flaky', {
      nodes: [{ id: 'check', type: 'code', config: { code: 'if (input.fail) throw new Error("bad row"); return { ok: true };' }, retry: { maxAttempts: 1 } }],
      edges: [],
    });
    const firstRuns = [await startRun(page, steady), await startRun(page, steady), await startRun(page, flaky, { fail: false }), await startRun(page, flaky, { fail: true })];

    // The list shows them, newest first, and they finish on screen.
    await page.getByRole('link', { name: 'Runs', exact: true }).click();
    await page.waitForURL(`${stack.web.origin}/runs`);
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
    await page.waitForURL(`${stack.web.origin}/runs?status=failed`);
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
    await page.waitForURL(`${stack.web.origin}/runs?workflow=${flaky}&window=1h`);
    await page.reload();
    await expect.poll(() => rowStatuses(page)).toHaveLength(3);
    expect(await page.getByLabel('Workflow').inputValue()).toBe(flaky);
    await page.getByLabel('Status').selectOption('cancelled');
    await page.getByTestId('runs-empty').waitFor();

    // A row opens the run on the canvas.
    await page.goto(`${stack.web.origin}/runs`);
    await page.locator(`[data-testid="run-row"][data-run-id="${live}"] a`).click();
    await page.waitForURL(`${stack.web.origin}/workflows/${steady}?run=${live}`);

    // The dashboard: bars for the runs of the last hours, both workflows' durations, the failing node.
    await page.goto(`${stack.web.origin}/dashboard`);
    const chart = page.getByTestId('runs-per-hour');
    await expect.poll(() => countOf(chart.locator('rect[data-outcome="succeeded"]')), { timeout: 15_000 }).toBe(5);
    expect(await countOf(chart.locator('rect[data-outcome="failed"]'))).toBe(2);
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
    await page.waitForURL(`${stack.web.origin}/dashboard?window=7d`);
    await expect.poll(() => chart.locator('rect[data-outcome="succeeded"]').count()).toBeGreaterThan(0);
    await context.close();
  }, 180_000);
});
