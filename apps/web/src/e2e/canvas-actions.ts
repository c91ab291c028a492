import type { Page } from 'playwright-core';

/** Drags a node type from the palette onto the canvas at (x, y) relative to the canvas (HTML5 drag and drop). */
export async function dragFromPalette(page: Page, type: string, x: number, y: number): Promise<void> {
  await page.getByTestId(`palette-${type}`).dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
}

async function centre(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not visible`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Connects `source`'s output handle (the default one, or a named branch) to `target`'s input with the mouse, as a person would. */
export async function connect(page: Page, source: string, target: string, handle = 'out'): Promise<void> {
  const from = await centre(page, `[data-testid="node-${source}"] .react-flow__handle.source[data-handleid="${handle}"]`);
  const to = await centre(page, `[data-testid="node-${target}"] .react-flow__handle.target`);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up();
}

/** Selects a node by clicking its title (not a handle). */
export async function selectNode(page: Page, id: string): Promise<void> {
  await page.getByTestId(`node-${id}`).locator('div.font-mono').click();
}
