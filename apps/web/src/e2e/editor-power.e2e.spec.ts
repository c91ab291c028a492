import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { attributesOf } from './browser.js';
import { ARTIFACTS, browserStackPerFile, graphqlInPage, signUpInBrowser } from './browser-stack.js';
import { connect, dragFromPalette, selectNode } from './canvas-actions.js';

type Draft = { draftRevision: number; draft: { nodes: { id: string; config?: Record<string, unknown> }[]; edges: unknown[] } };
const readDraft = async (page: Page, id: string) => (await graphqlInPage<{ workflow: Draft }>(page, 'query ($id: ID!) { workflow(id: $id) { draftRevision draft } }', { id })).workflow;

const nodeIds = async (page: Page) => (await attributesOf(page.locator('.react-flow__node'), 'data-id')).map(([id]) => id ?? '').sort();
const edgeCount = (page: Page) => page.locator('.react-flow__edge').count();
/** expect.poll with room for a busy machine (its default gives up after 1 s). */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });

describe('the canvas editor power features, in Chromium against the real stack', () => {
  const stack = browserStackPerFile();

  it('multi-selects, copies and pastes, undoes and redoes, deletes, completes an expression, saves with Ctrl-S and searches the list', async () => {
    // Not newSignedInPage: the error listener is on before sign-up, so an error on the sign-up page counts too.
    const context = await stack.browser.newContext({ viewport: { width: 1600, height: 900 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signUpInBrowser(page, stack.web.origin, `pat-${crypto.randomUUID()}@example.com`);
    await page.getByLabel('New workflow name').fill('Power edits');
    await page.getByRole('button', { name: 'New workflow' }).click();
    await page.waitForURL(/\/workflows\/[0-9a-f-]+$/);
    const workflowId = page.url().split('/').at(-1)!;

    await dragFromPalette(page, 'set', 120, 200);
    await dragFromPalette(page, 'delay', 420, 200);
    await dragFromPalette(page, 'set', 720, 200);
    await poll(() => nodeIds(page)).toEqual(['delay_1', 'set_1', 'set_2']);
    await connect(page, 'set_1', 'delay_1');
    await connect(page, 'delay_1', 'set_2');
    await poll(() => edgeCount(page)).toBe(2);

    // Shift-click selects a second node; copy and paste the pair with the edge between them.
    await selectNode(page, 'set_1');
    await page.getByTestId('node-delay_1').locator('div.font-mono').click({ modifiers: ['Shift'] });
    await poll(() => page.locator('.react-flow__node.selected').count()).toBe(2);
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await poll(() => nodeIds(page)).toEqual(['delay_1', 'delay_2', 'set_1', 'set_2', 'set_3']);
    await poll(() => edgeCount(page)).toBe(3);

    expect(await page.getByRole('button', { name: 'Undo' }).isEnabled()).toBe(true);
    await page.keyboard.press('Control+z');
    await poll(() => nodeIds(page)).toEqual(['delay_1', 'set_1', 'set_2']);
    expect(await edgeCount(page)).toBe(2);
    await page.keyboard.press('Control+Shift+z');
    await poll(() => nodeIds(page)).toEqual(['delay_1', 'delay_2', 'set_1', 'set_2', 'set_3']);
    await poll(() => edgeCount(page)).toBe(3);

    // The pasted pair is still the selection: Delete removes it with its edge.
    await page.keyboard.press('Delete');
    await poll(() => nodeIds(page)).toEqual(['delay_1', 'set_1', 'set_2']);
    await poll(() => edgeCount(page)).toBe(2);

    await page.getByRole('button', { name: 'Shortcuts' }).click();
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByText('select several nodes').waitFor();
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByRole('button', { name: 'Close' }).click();

    // `{{ $no` offers the upstream nodes; Escape closes the list, typing reopens it, a click picks.
    await selectNode(page, 'set_2');
    const field = page.locator('#set_2-values');
    await field.click();
    await field.pressSequentially('{ "from": "{{ $no');
    const options = page.getByRole('listbox', { name: 'Expression completions' }).getByRole('option');
    await poll(() => options.allTextContents()).toEqual(['$nodes.delay_1upstream output', '$nodes.set_1upstream output']);
    expect(await field.getAttribute('aria-activedescendant')).toBe('set_2-values-completions-0');
    await page.screenshot({ path: path.join(ARTIFACTS, 'editor-power.png') });
    await page.keyboard.press('Escape');
    await poll(() => options.count()).toBe(0);
    await field.press('d');
    await page.getByRole('option').filter({ hasText: '$nodes.set_1' }).click();
    await poll(() => field.inputValue()).toBe('{ "from": "{{ $nodes.set_1');
    await page.keyboard.type(' }}" }');
    expect(await field.inputValue()).toBe('{ "from": "{{ $nodes.set_1 }}" }');

    // Ctrl-S saves even from inside the field; the API's draft revision goes up.
    const before = await readDraft(page, workflowId);
    await page.keyboard.press('Control+s');
    await poll(async () => (await readDraft(page, workflowId)).draftRevision).toBeGreaterThan(before.draftRevision);
    const saved = await readDraft(page, workflowId);
    expect(saved.draft.nodes.map((n) => n.id).sort()).toEqual(['delay_1', 'set_1', 'set_2']);
    expect(saved.draft.nodes.find((n) => n.id === 'set_2')?.config).toEqual({ values: { from: '{{ $nodes.set_1 }}' } });
    expect(saved.draft.edges).toHaveLength(2);

    // The list filters by name as you type, and says so when nothing matches.
    await graphqlInPage(page, 'mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }', { input: { name: 'Nightly report' } });
    await page.goto(`${stack.web.origin}/workflows`);
    await page.getByRole('link', { name: 'Nightly report' }).waitFor();
    const search = page.getByLabel('Search workflows');
    await search.fill('power');
    await poll(() => page.getByRole('link', { name: 'Nightly report' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Power edits' }).count()).toBe(1);
    await search.fill('zzz');
    await page.getByTestId('no-search-results').waitFor();
    expect(await page.getByTestId('workflow-list').count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 180_000);
});
