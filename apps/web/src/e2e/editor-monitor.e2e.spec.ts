import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, browserStackPerFile, newSignedInPage, signUpInBrowser } from './browser-stack.js';
import { connect, dragFromPalette, selectNode } from './canvas-actions.js';

const status = (page: Page, nodeId: string) => page.getByTestId(`node-${nodeId}`).getAttribute('data-status');

/** Waits until the node shows `state`, recording every state it showed on the way. */
async function waitForState(page: Page, nodeId: string, state: string, seen: string[], timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await status(page, nodeId);
    if (now && seen.at(-1) !== now) seen.push(now);
    if (now === state) return;
    if (Date.now() > deadline) throw new Error(`${nodeId} never showed ${state}; saw ${seen.join(' → ')}`);
    await page.waitForTimeout(25);
  }
}

describe('the web editor and live monitor, in Chromium against the real stack', () => {
  const stack = browserStackPerFile();

  it('signs up, draws three nodes, publishes, watches the run live, reads an output and re-runs from the second node', async () => {
    // Not newSignedInPage: the socket listener is on before sign-up, so it sees every socket the page opens.
    const context = await stack.browser.newContext({ viewport: { width: 1600, height: 900 } });
    const page = await context.newPage();
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await signUpInBrowser(page, stack.web.origin, `ada-${crypto.randomUUID()}@example.com`);

    await page.getByLabel('New workflow name').fill('Greeting');
    await page.getByRole('button', { name: 'New workflow' }).click();
    await page.waitForURL(/\/workflows\/[0-9a-f-]+$/);
    const workflowUrl = page.url();

    await dragFromPalette(page, 'set', 120, 200);
    await dragFromPalette(page, 'delay', 420, 200);
    await dragFromPalette(page, 'set', 720, 200);
    for (const id of ['set_1', 'delay_1', 'set_2']) await expect.poll(() => page.getByTestId(`node-${id}`).count()).toBe(1);
    await connect(page, 'set_1', 'delay_1');
    await connect(page, 'delay_1', 'set_2');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);

    await selectNode(page, 'set_1');
    await page.locator('#set_1-values').fill('{ "greeting": "hello {{ name }}" }');
    await selectNode(page, 'delay_1');
    await page.locator('#delay_1-seconds').fill('1');

    // Publishing with set_2 unconfigured: the server's validation error is drawn on set_2.
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByTestId('issues-set_2').waitFor();
    expect(await page.getByTestId('issues-set_1').count()).toBe(0);

    await selectNode(page, 'set_2');
    await page.locator('#set_2-values').fill('{ "done": true }');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published version 1').waitFor();
    expect(await page.getByTestId('issues-set_2').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'editor.png') });

    // A marker on the window: still there at the end means the page never reloaded.
    await page.evaluate(() => ((globalThis as unknown as { weftMarker: number }).weftMarker = 42));
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByLabel('Run input (JSON)').fill('{ "name": "Ada" }');
    await page.getByRole('button', { name: 'Start run' }).click();

    const seen: Record<string, string[]> = { set_1: [], delay_1: [], set_2: [] };
    await waitForState(page, 'set_1', 'succeeded', seen.set_1!);
    await waitForState(page, 'delay_1', 'waiting', seen.delay_1!);
    expect(await status(page, 'set_2')).toBe('pending');
    await page.screenshot({ path: path.join(ARTIFACTS, 'live-monitor.png') });
    await waitForState(page, 'delay_1', 'succeeded', seen.delay_1!);
    await waitForState(page, 'set_2', 'succeeded', seen.set_2!);
    await expect.poll(() => page.getByTestId('run-status').textContent()).toBe('succeeded');
    expect(await page.evaluate(() => (globalThis as unknown as { weftMarker?: number }).weftMarker)).toBe(42);
    expect(seen.delay_1).toEqual(expect.arrayContaining(['waiting', 'succeeded']));

    await selectNode(page, 'set_2');
    const output = JSON.parse((await page.getByTestId('node-output').textContent()) ?? 'null') as unknown;
    expect(output).toEqual({ name: 'Ada', greeting: 'hello Ada', done: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'run-finished.png') });

    // Re-run from the second node: set_1's result is kept, delay_1 and set_2 run again.
    const firstRun = await page.getByTestId('run-bar').textContent();
    await selectNode(page, 'delay_1');
    await page.getByRole('button', { name: 'Re-run from this node' }).click();
    await expect.poll(() => page.getByTestId('run-bar').textContent()).not.toBe(firstRun);
    const rerunSeen: string[] = [];
    await waitForState(page, 'set_2', 'succeeded', rerunSeen);
    await expect.poll(() => page.getByTestId('run-status').textContent()).toBe('succeeded');
    expect(await status(page, 'set_1')).toBe('succeeded');
    await selectNode(page, 'set_1');
    await page.getByText('kept from the earlier run').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'rerun.png') });

    // Subscriptions went through the web app's own origin (proxied to the API).
    expect(sockets.some((url) => url === `${stack.web.origin.replace('http', 'ws')}/graphql`)).toBe(true);

    await page.goto(`${stack.web.origin}/workflows`);
    await page.getByRole('link', { name: 'Greeting' }).waitFor();
    await expect.poll(() => page.getByTestId('workflow-list').textContent()).toMatch(/published v1.*succeeded/);

    // A second user, in another browser context, sees none of it.
    const { page: other } = await newSignedInPage(stack, { name: 'bob' });
    await other.getByText('No workflows yet').waitFor();
    expect(await other.getByRole('link', { name: 'Greeting' }).count()).toBe(0);
    await other.goto(workflowUrl);
    await other.getByText('does not exist, or is not in your workspace').waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${stack.web.origin}/sign-in`);
    await context.close();
  }, 180_000);

  it('saves named branch edges of an if node, and deleting a node drops its edges', async () => {
    const { context, page } = await newSignedInPage(stack, { name: 'cy', viewport: { width: 1600, height: 900 } });
    await page.getByLabel('New workflow name').fill('Branches');
    await page.getByRole('button', { name: 'New workflow' }).click();
    await page.waitForURL(/\/workflows\/[0-9a-f-]+$/);
    const workflowId = page.url().split('/').at(-1)!;

    await dragFromPalette(page, 'if', 120, 250);
    await dragFromPalette(page, 'set', 480, 120);
    await dragFromPalette(page, 'set', 480, 380);
    await dragFromPalette(page, 'set', 800, 250);
    for (const id of ['if_1', 'set_1', 'set_2', 'set_3']) await expect.poll(() => page.getByTestId(`node-${id}`).count()).toBe(1);
    await connect(page, 'if_1', 'set_1', 'true');
    await connect(page, 'if_1', 'set_2', 'false');
    await connect(page, 'set_1', 'set_3');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(3);
    await selectNode(page, 'set_1');
    await page.getByRole('button', { name: 'Delete node' }).click();
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved').waitFor();

    // Read back through the same session: the graph holds the branch as sourceHandle (reads may trail the write by the projector's few milliseconds).
    const readDraft = () =>
      page.evaluate(async (id) => {
        const response = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query ($id: ID!) { workflow(id: $id) { draft } }', variables: { id } }) });
        return ((await response.json()) as { data: { workflow: { draft: { nodes: { id: string }[]; edges: unknown[] } } } }).data.workflow.draft;
      }, workflowId);
    await expect.poll(async () => (await readDraft()).nodes.map((n) => n.id).sort()).toEqual(['if_1', 'set_2', 'set_3']);
    expect((await readDraft()).edges).toEqual([{ id: 'e_2', source: 'if_1', target: 'set_2', sourceHandle: 'false' }]);
    await context.close();
  }, 120_000);

  it('waits for an approval, approves it from the panel, and shows the run again after a reload', async () => {
    const { context, page } = await newSignedInPage(stack, { name: 'dee', viewport: { width: 1600, height: 900 } });
    await page.getByLabel('New workflow name').fill('Approval');
    await page.getByRole('button', { name: 'New workflow' }).click();
    await page.waitForURL(/\/workflows\/[0-9a-f-]+$/);

    await dragFromPalette(page, 'wait', 150, 250);
    await page.locator('#wait_1-for').selectOption('approval');
    await dragFromPalette(page, 'set', 550, 250);
    await page.locator('#set_1-values').fill('{ "ok": true }');
    await connect(page, 'wait_1', 'set_1', 'approved');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1);
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published version 1').waitFor();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByRole('button', { name: 'Start run' }).click();

    await waitForState(page, 'wait_1', 'waiting', []);
    await selectNode(page, 'wait_1');
    await page.getByRole('button', { name: 'Approve' }).click();
    await waitForState(page, 'set_1', 'succeeded', []);
    await expect.poll(() => page.getByTestId('run-status').textContent()).toBe('succeeded');
    expect(await status(page, 'wait_1')).toBe('succeeded');

    // The URL names the run: a reload replays its history onto the canvas.
    expect(page.url()).toMatch(/\?run=[0-9a-f-]+$/);
    await page.reload();
    await waitForState(page, 'set_1', 'succeeded', []);
    expect(await status(page, 'wait_1')).toBe('succeeded');
    await context.close();
  }, 120_000);
});
