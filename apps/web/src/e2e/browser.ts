import { existsSync } from 'node:fs';
import { chromium, type Browser, type Locator } from 'playwright-core';

/** Debian's Chromium (never a downloaded browser); these flags work as root and offline. */
export const CHROMIUM = process.env.WEFT_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set WEFT_CHROMIUM)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** An element as a callback run in the page sees it (this tsconfig has no DOM types). */
type PageElement = { getAttribute(name: string): string | null };

/** For every element the locator finds, in document order, the values of the attributes `names` (read in one pass). */
export function attributesOf(locator: Locator, ...names: string[]): Promise<(string | null)[][]> {
  return locator.evaluateAll((elements: PageElement[], attributes: string[]) => elements.map((element) => attributes.map((name) => element.getAttribute(name))), names);
}
