#!/usr/bin/env node
// The `weft` command (npx weft …): runs the build of apps/cli; `npm run build` makes it.
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('weft: apps/cli is not built: run `npm run build` first');
  process.exit(1);
}
await import(main.href);
