import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { attributesOf } from './browser.js';
import { startOpenAiCompatibleStandIn, type OpenAiCompatibleStandIn } from '../../../../libs/nodes/src/test-support/openai-compatible-server.js';
import { ARTIFACTS, browserStackPerFile, newSignedInPage, publishInPage } from './browser-stack.js';
import { selectNode } from './canvas-actions.js';

const ANSWER = 'Weft streams every token of this answer into the panel.';

const status = (page: Page, nodeId: string) => page.getByTestId(`node-${nodeId}`).getAttribute('data-status');

async function runFromTheEditor(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('button', { name: 'Start run' }).click();
}

describe('the live monitor: streamed tokens, attempts, timeline, time travel and retry, in Chromium', () => {
  const stack = browserStackPerFile();
  let model: OpenAiCompatibleStandIn;

  beforeAll(async () => {
    // Slow enough that tokens show in the panel well before the node completes.
    model = await startOpenAiCompatibleStandIn(() => ({ text: ANSWER, chunkSize: 3, chunkDelayMs: 80 }));
  });
  afterAll(async () => {
    await model?.close();
  });

  it('streams LLM tokens into the panel, shows attempts and the timeline, travels back in time and returns to live', async () => {
    const { context, page } = await newSignedInPage(stack, { name: 'mo', viewport: { width: 1600, height: 900 } });
    // The code node's first attempt outlives the node's time limit (TIMEOUT, retryable); the second returns at once.
    const workflowId = await publishInPage(page, 'Monitor', {
      nodes: [
        { id: 'llm', type: 'llm', position: { x: 0, y: 0 }, config: { baseUrl: model.baseUrl, model: 'stand-in', prompt: 'Say something about {{ topic }}' } },
        {
          id: 'code',
          type: 'code',
          position: { x: 350, y: 0 },
          config: { code: 'if (run.attempt === 1) { const end = Date.now() + 3000; while (Date.now() < end) {} }\nreturn { attempt: run.attempt, length: input.text.length };', timeoutMs: 30000 },
          timeoutMs: 800,
          retry: { maxAttempts: 2, backoff: 'fixed', initialIntervalMs: 200, maxIntervalMs: 200, jitter: 0 },
        },
      ],
      edges: [{ id: 'e1', source: 'llm', target: 'code' }],
    });
    await page.goto(`${stack.web.origin}/workflows/${workflowId}`);
    await page.getByTestId('node-llm').waitFor();
    await page.evaluate(() => ((globalThis as unknown as { weftMarker: number }).weftMarker = 7));
    await selectNode(page, 'llm');
    await runFromTheEditor(page);

    // Tokens arrive in the open panel while the node still runs.
    const seen: { state: string | null; text: string }[] = [];
    const tokens = page.getByTestId('node-tokens');
    for (const deadline = Date.now() + 20_000; ; ) {
      const state = await status(page, 'llm');
      const text = (await tokens.count()) ? ((await tokens.textContent()) ?? '') : '';
      if (seen.at(-1)?.state !== state || seen.at(-1)?.text !== text) seen.push({ state, text });
      if (state === 'succeeded') break;
      if (Date.now() > deadline) throw new Error(`llm never succeeded: ${JSON.stringify(seen)}`);
      await page.waitForTimeout(30);
    }
    const whileRunning = seen.filter((s) => s.state === 'running' && s.text.length > 0);
    expect(whileRunning.length).toBeGreaterThan(0);
    expect(whileRunning[0]!.text.length).toBeLessThan(ANSWER.length);
    await expect.poll(() => tokens.textContent()).toBe(ANSWER);

    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 20_000 }).toBe('succeeded');
    expect(await status(page, 'code')).toBe('succeeded');

    // The timeline: a bar for the llm node, two attempts for the retried code node.
    await expect.poll(() => page.getByTestId('timeline-bar-llm').count()).toBe(1);
    await expect.poll(() => attributesOf(page.getByTestId('timeline-bar-code'), 'data-attempt').then((bars) => bars.map(([attempt]) => attempt))).toEqual(['1', '2']);
    await page.getByTestId('timeline-bar-code').first().hover();
    await expect.poll(() => page.getByTestId('timeline-tooltip').textContent()).toMatch(/^code, attempt 1: retrying from \d\d:\d\d:\d\d\.\d{3} to \d\d:\d\d:\d\d\.\d{3}/);
    await selectNode(page, 'code');
    await expect.poll(() => page.getByTestId('node-attempt-1').textContent()).toMatch(/#1 retrying.*TIMEOUT/);
    await expect.poll(() => page.getByTestId('node-attempt-2').textContent()).toMatch(/#2 succeeded/);
    expect(JSON.parse((await page.getByTestId('node-output').textContent()) ?? 'null')).toEqual({ attempt: 2, length: ANSWER.length });
    await page.screenshot({ path: path.join(ARTIFACTS, 'monitor-timeline.png') });

    // Time travel: back to the first event (nothing has run), then forward, one key at a time.
    const range = page.getByTestId('time-travel-range');
    await range.focus();
    await page.keyboard.press('Home');
    await expect.poll(() => page.getByTestId('time-travel-position').textContent()).toMatch(/^Event 1 of \d+/);
    expect(await status(page, 'llm')).toBe('pending');
    expect(await status(page, 'code')).toBe('pending');
    const states: string[] = [];
    let shot = false;
    for (let i = 0; i < 200 && states.at(-1) !== 'code:succeeded'; i++) {
      const now = `${await status(page, 'llm')}|${await status(page, 'code')}`;
      const [llm, code] = now.split('|');
      const entry = code === 'pending' ? `llm:${llm}` : `code:${code}`;
      if (states.at(-1) !== entry) states.push(entry);
      if (entry === 'code:retrying' && !shot) {
        await page.screenshot({ path: path.join(ARTIFACTS, 'monitor-time-travel.png') });
        shot = true;
      }
      await page.getByRole('button', { name: 'Next event' }).click();
    }
    expect(states).toEqual(expect.arrayContaining(['llm:pending', 'llm:running', 'llm:succeeded', 'code:running', 'code:retrying', 'code:succeeded']));
    expect(states.indexOf('llm:running')).toBeLessThan(states.indexOf('code:retrying'));

    // Back to one early event again, then Live: the run as it ended.
    await range.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('time-travel-position').textContent()).toMatch(/^Event 3 of/);
    expect(await status(page, 'code')).toBe('pending');
    await page.getByRole('button', { name: 'Live' }).click();
    await expect.poll(() => status(page, 'code')).toBe('succeeded');
    expect(await status(page, 'llm')).toBe('succeeded');
    await expect.poll(() => page.getByTestId('time-travel-position').textContent()).toMatch(/^Live/);
    // One page all along: the canvas was redrawn, never reloaded.
    expect(await page.evaluate(() => (globalThis as unknown as { weftMarker?: number }).weftMarker)).toBe(7);
    expect(model.chatRequests.length).toBe(1);
    await context.close();
  }, 120_000);

  it('retries a failed run from the node it failed at, and follows the new run', async () => {
    const { context, page } = await newSignedInPage(stack, { name: 're', viewport: { width: 1600, height: 900 } });
    const workflowId = await publishInPage(page, 'Retry', {
      nodes: [
        { id: 'first', type: 'set', position: { x: 0, y: 0 }, config: { values: { n: 1 } } },
        { id: 'boom', type: 'code', position: { x: 350, y: 0 }, config: { code: "throw new Error('boom')" } },
      ],
      edges: [{ id: 'e1', source: 'first', target: 'boom' }],
    });
    await page.goto(`${stack.web.origin}/workflows/${workflowId}`);
    await page.getByTestId('node-boom').waitFor({ timeout: 10_000 }).catch(async (e: unknown) => {
      await page.screenshot({ path: path.join(ARTIFACTS, 'debug-retry.png') });
      console.log(await page.locator('body').innerText());
      throw e;
    });
    await runFromTheEditor(page);
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 20_000 }).toBe('failed');
    const firstUrl = page.url();
    const firstBar = await page.getByTestId('run-bar').textContent();
    await page.getByRole('button', { name: 'Retry run' }).click();
    await expect.poll(() => page.getByTestId('run-bar').textContent()).not.toBe(firstBar);
    expect(page.url()).not.toBe(firstUrl);
    expect(page.url()).toMatch(/\?run=[0-9a-f-]+$/);
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 20_000 }).toBe('failed');
    // The re-run kept the first node's result and ran the failed one again.
    expect(await status(page, 'first')).toBe('succeeded');
    await selectNode(page, 'first');
    await page.getByText('kept from the earlier run').waitFor();
    await context.close();
  }, 60_000);
});
