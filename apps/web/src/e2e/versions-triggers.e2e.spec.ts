import { createHmac } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, browserStackPerFile, graphqlInPage, newSignedInPage } from './browser-stack.js';

const publish = (page: Page, id: string) => graphqlInPage<{ publishWorkflow: { version: number } }>(page, 'mutation ($id: ID!) { publishWorkflow(id: $id) { version } }', { id });
const triggersOf = async (page: Page, id: string) => (await graphqlInPage<{ workflow: { triggers: Record<string, unknown>[] } }>(page, 'query ($id: ID!) { workflow(id: $id) { triggers } }', { id })).workflow.triggers;
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, name) });
/** A node's computed background (nodes fade between colours: poll for the settled one). */
const backgroundOf = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((element) => (globalThis as unknown as { getComputedStyle(element: unknown): { backgroundColor: string } }).getComputedStyle(element).backgroundColor);

/** Calls a signed webhook as a sender would, through the web origin's `/hooks` proxy, waiting for the run to finish. */
function deliverWebhook(origin: string, url: string, signingSecret: string, input: unknown): Promise<Response> {
  const body = JSON.stringify(input);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', signingSecret).update(`${timestamp}.${body}`).digest('hex');
  return fetch(`${origin}${new URL(url).pathname}?wait=20000`, { method: 'POST', headers: { 'content-type': 'application/json', 'weft-timestamp': timestamp, 'weft-signature': `sha256=${signature}` }, body });
}

const v1 = {
  nodes: [
    { id: 'start', type: 'set', config: { values: { greeting: 'hi' } }, position: { x: 0, y: 0 } },
    { id: 'finish', type: 'set', config: { values: { done: true } }, position: { x: 300, y: 0 } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'finish' }],
};
const v2 = {
  nodes: [{ ...v1.nodes[0]!, config: { values: { greeting: 'hello' } } }, v1.nodes[1]!, { id: 'extra', type: 'set', config: { values: { more: 1 } }, position: { x: 600, y: 0 } }],
  edges: [...v1.edges, { id: 'e2', source: 'finish', target: 'extra' }],
};

describe('version history, triggers and dark mode, in Chromium against the real stack', () => {
  const stack = browserStackPerFile();

  it('diffs two versions, builds a schedule, makes and rotates a signed webhook, refuses a bad cron and a stale save, and switches to dark mode', async () => {
    const { context, page } = await newSignedInPage(stack, { name: 'vera', viewport: { width: 1600, height: 900 }, colorScheme: 'light' });

    // v1, then v2 with a node added and a config changed.
    const { createWorkflow } = await graphqlInPage<{ createWorkflow: { id: string } }>(page, 'mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }', { input: { name: 'Versions', graph: v1 } });
    const id = createWorkflow.id;
    expect((await publish(page, id)).publishWorkflow.version).toBe(1);
    await graphqlInPage(page, 'mutation ($input: UpdateWorkflowDraftInput!) { updateWorkflowDraft(input: $input) { draftRevision } }', { input: { id, graph: v2 } });
    expect((await publish(page, id)).publishWorkflow.version).toBe(2);

    await page.goto(`${stack.web.origin}/workflows/${id}`);
    const panels = page.getByRole('toolbar', { name: 'Workflow panels' });

    // Version history: both versions listed with who published them; the latest two are ticked.
    await panels.getByRole('button', { name: 'History' }).click();
    const history = page.getByTestId('history-panel');
    await expect.poll(() => history.getByTestId(/^version-row-/).count()).toBe(2);
    expect(await history.getByTestId('version-row-1').textContent()).toContain('vera-');
    await history.getByRole('button', { name: 'Compare v1 → v2' }).click();
    const diff = page.getByTestId('version-diff');
    await diff.getByTestId('diff-node-extra').waitFor();
    expect(await diff.getByTestId('diff-node-extra').getAttribute('data-diff')).toBe('added');
    expect(await diff.getByTestId('diff-node-start').getAttribute('data-diff')).toBe('changed');
    expect(await diff.getByTestId('diff-node-finish').getAttribute('data-diff')).toBe('unchanged');
    expect(await diff.getByTestId('diff-fields-start').textContent()).toContain('config.values');
    expect(await diff.getByTestId('diff-change-start-config.values').textContent()).toContain('"hello"');
    expect(await diff.getByTestId('diff-summary').textContent()).toBe('nodes: 1 added, 1 changed · edges: 1 added');
    await shot(page, 'versions-diff.png');
    await diff.getByRole('button', { name: 'Close' }).click();

    // Triggers: weekdays at 09:00 in Paris, described in words, with its next 5 fire times from the server.
    await panels.getByRole('button', { name: 'Triggers' }).click();
    const triggers = page.getByTestId('triggers-panel');
    await triggers.getByLabel('Kind of trigger').selectOption('schedule');
    await triggers.getByRole('button', { name: 'Add trigger' }).click();
    const editor = triggers.getByTestId('trigger-editor');
    await editor.getByLabel('Repeat').selectOption('daily');
    await editor.getByLabel('Repeat').selectOption('weekdays');
    await editor.getByLabel('At (HH:MM)').fill('09:00');
    await editor.getByLabel('Time zone').selectOption('Europe/Paris');
    expect(await editor.getByLabel('Cron expression').inputValue()).toBe('0 9 * * 1-5');
    expect(await editor.getByTestId('cron-description').textContent()).toBe('At 09:00, Monday through Friday');
    await expect.poll(() => editor.getByTestId('cron-next').locator('li').count(), { timeout: 10_000 }).toBe(5);
    const firstFire = (await editor.getByTestId('cron-next').locator('li').first().textContent()) ?? '';
    expect(firstFire).toMatch(/^(Mon|Tue|Wed|Thu|Fri)/);
    expect(firstFire).toContain('09:00');
    await shot(page, 'triggers.png');
    await editor.getByRole('button', { name: 'Save trigger' }).click();
    await triggers.getByTestId('trigger-schedule_1').waitFor();
    await expect.poll(() => triggersOf(page, id)).toMatchObject([{ id: 'schedule_1', kind: 'schedule', cron: '0 9 * * 1-5', timezone: 'Europe/Paris', misfire: 'fire_once', paused: false }]);

    // Pause and resume it.
    await triggers.getByTestId('trigger-schedule_1').getByRole('button', { name: 'Pause' }).click();
    await triggers.getByTestId('trigger-schedule_1').getByRole('button', { name: 'Resume' }).waitFor();
    // Reads may trail a write by the projector's few milliseconds.
    await expect.poll(async () => (await triggersOf(page, id))[0]?.paused).toBe(true);

    // A signed webhook: its URL and signing secret, once.
    await triggers.getByLabel('Kind of trigger').selectOption('webhook');
    await triggers.getByRole('button', { name: 'Add trigger' }).click();
    expect(await editor.getByLabel(/Signed/).isChecked()).toBe(true);
    await editor.getByRole('button', { name: 'Save trigger' }).click();
    const secrets = triggers.getByTestId('webhook-secrets');
    await secrets.waitFor();
    expect(await secrets.textContent()).toContain("won't be shown again");
    const firstUrl = await secrets.getByTestId('webhook-url-webhook_1').inputValue();
    const firstSigningSecret = await secrets.getByTestId('webhook-signing-secret-webhook_1').inputValue();
    expect(firstUrl).toMatch(new RegExp(`/hooks/${id}/[A-Za-z0-9_-]{43}$`));
    expect(firstSigningSecret).toMatch(/^whsec_/);
    await secrets.getByRole('button', { name: 'Copy' }).first().click();
    await secrets.getByRole('button', { name: 'I have copied them' }).click();
    await secrets.waitFor({ state: 'detached' });

    // An invalid custom cron: the server's reason next to the field, and nothing saved.
    await triggers.getByLabel('Kind of trigger').selectOption('schedule');
    await triggers.getByRole('button', { name: 'Add trigger' }).click();
    await editor.getByLabel('Repeat').selectOption('custom');
    await editor.getByLabel('Cron expression').fill('61 * * * *');
    await editor.getByRole('button', { name: 'Save trigger' }).click();
    await editor.getByTestId('field-error-cron').waitFor();
    expect(await editor.getByTestId('field-error-cron').textContent()).not.toBe('');
    await page.getByTestId('toast-error').first().waitFor();
    await expect.poll(async () => (await triggersOf(page, id)).map((t) => t.id)).toEqual(['schedule_1', 'webhook_1']);
    await editor.getByRole('button', { name: 'Cancel' }).click();

    // Reopened, the panel lists the triggers and shows no secret again.
    await triggers.getByRole('button', { name: 'Close' }).click();
    await panels.getByRole('button', { name: 'Triggers' }).click();
    await page.getByTestId('trigger-webhook_1').waitFor();
    expect(await page.getByTestId('trigger-webhook_1').textContent()).toContain('Webhook, signed');
    expect(await page.getByTestId('webhook-secrets').count()).toBe(0);

    // Rotating the webhook's secret: asked first (and cancellable), then a new URL and signing secret, once.
    const webhookRow = page.getByTestId('trigger-webhook_1');
    await webhookRow.getByRole('button', { name: 'Rotate secret' }).click();
    const confirmation = webhookRow.getByTestId('rotate-confirm-webhook_1');
    expect(await confirmation.textContent()).toContain('The old URL and signing secret stop working at once');
    await confirmation.getByRole('button', { name: 'Cancel' }).click();
    await confirmation.waitFor({ state: 'detached' });
    await webhookRow.getByRole('button', { name: 'Rotate secret' }).click();
    await shot(page, 'webhook-rotate.png');
    await confirmation.getByRole('button', { name: 'Rotate now' }).click();
    const rotated = page.getByTestId('webhook-secrets');
    await rotated.waitFor();
    await confirmation.waitFor({ state: 'detached' });
    const rotatedUrl = await rotated.getByTestId('webhook-url-webhook_1').inputValue();
    const rotatedSigningSecret = await rotated.getByTestId('webhook-signing-secret-webhook_1').inputValue();
    expect(rotatedUrl).toMatch(new RegExp(`/hooks/${id}/[A-Za-z0-9_-]{43}$`));
    expect(rotatedUrl).not.toBe(firstUrl);
    expect(rotatedSigningSecret).toMatch(/^whsec_/);
    expect(rotatedSigningSecret).not.toBe(firstSigningSecret);
    await rotated.getByRole('button', { name: 'I have copied them' }).click();
    await rotated.waitFor({ state: 'detached' });

    // The new URL starts a run of the latest version; the old one is unknown at once.
    const delivered = await deliverWebhook(stack.web.origin, rotatedUrl, rotatedSigningSecret, { via: 'rotated webhook' });
    const answer = (await delivered.json()) as { runId: string; status: string };
    expect(delivered.status).toBe(200);
    expect(answer).toMatchObject({ status: 'succeeded' });
    const refused = await deliverWebhook(stack.web.origin, firstUrl, firstSigningSecret, { via: 'old webhook' });
    expect(refused.status).toBe(404);
    expect(await refused.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'no webhook at this address' } });

    // A refused mutation says why in a toast, in the API's words: a save over a draft changed elsewhere.
    const revisionOf = async () => (await graphqlInPage<{ workflow: { draftRevision: number } }>(page, 'query ($id: ID!) { workflow(id: $id) { draftRevision } }', { id })).workflow.draftRevision;
    // The revision the editor holds ("published v2 · rev N"), then a rename by someone else.
    const seen = Number(/rev (\d+)/.exec((await page.getByTestId('workflow-version').textContent()) ?? '')?.[1]);
    const renamed = await graphqlInPage<{ updateWorkflowDraft: { draftRevision: number } }>(page, 'mutation ($input: UpdateWorkflowDraftInput!) { updateWorkflowDraft(input: $input) { draftRevision } }', { input: { id, name: 'Versions (renamed elsewhere)' } });
    const current = renamed.updateWorkflowDraft.draftRevision;
    expect(current).toBeGreaterThan(seen);
    await page.getByRole('button', { name: 'Save draft' }).click();
    const staleToast = page.getByTestId('toast-error').filter({ hasText: 'reload and reapply' });
    await staleToast.waitFor();
    expect(await staleToast.textContent()).toContain(`workflow "${id}" is at revision ${current}, not ${seen}: reload and reapply your change`);
    expect(await staleToast.textContent()).not.toContain('[GraphQL]');
    await expect.poll(revisionOf).toBe(current);
    await shot(page, 'toast-error.png');

    // Dark mode: the header's toggle puts `dark` on <html>, and it is remembered; the canvas's nodes follow it.
    const dark = async () => ((await page.locator('html').getAttribute('class')) ?? '').split(/\s+/).includes('dark');
    expect(await dark()).toBe(false);
    // The palette's idle fills (features/monitor/node-state-style): white, then slate-800.
    await expect.poll(() => backgroundOf(page, 'node-start')).toBe('rgb(255, 255, 255)');
    await page.getByTestId('theme-toggle').click();
    expect(await dark()).toBe(true);
    await expect.poll(() => backgroundOf(page, 'node-start')).toBe('rgb(30, 41, 59)');
    await page.reload();
    await page.getByTestId('theme-toggle').waitFor();
    expect(await dark()).toBe(true);
    await page.getByTestId('node-start').waitFor();
    await shot(page, 'dark-mode.png');

    // The webhook's run, watched in dark mode: succeeded nodes in the dark palette's green, then the light one's.
    await page.goto(`${stack.web.origin}/workflows/${id}?run=${answer.runId}`);
    await expect.poll(() => page.getByTestId('node-extra').getAttribute('data-status'), { timeout: 10_000 }).toBe('succeeded');
    await expect.poll(() => backgroundOf(page, 'node-extra')).toBe('rgb(2, 44, 34)');
    await page.getByTestId('monitor-panel').waitFor();
    await page.getByTestId('node-extra').click();
    await page.getByTestId('node-output').waitFor();
    await shot(page, 'dark-run.png');
    await page.getByTestId('theme-toggle').click();
    expect(await dark()).toBe(false);
    await expect.poll(() => backgroundOf(page, 'node-extra')).toBe('rgb(236, 253, 245)');
    await context.close();
  }, 120_000);
});
