import type { Page } from 'playwright-core';

/** Drags a node type from the palette onto the canvas at (x, y) relative to the canvas (HTML5 drag and drop). */
/**
 * Drags a node type from the palette onto the canvas at (x, y) and waits for the node to
 * appear. A drop made while the canvas is still initialising (right after the page loads,
 * on a busy machine) is lost, as it would be for a person: the drag is then made again.
 */
export async function dragFromPalette(page: Page, type: string, x: number, y: number): Promise<void> {
  const nodes = page.locator('.react-flow__node');
  const before = await nodes.count();
  for (let attempt = 1; ; attempt += 1) {
    await page.getByTestId(`palette-${type}`).dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline && (await nodes.count()) === before) await page.waitForTimeout(100);
    if ((await nodes.count()) > before) return;
    if (attempt >= 3) throw new Error(`dropping a ${type} node on the canvas added no node (${attempt} tries)`);
  }
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
