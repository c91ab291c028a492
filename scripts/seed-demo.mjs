// The demo workspace `npm start` makes on first start (see libs/examples seedDemo): an
// account with every shipped example, "Hello, Weft" published. The account is kept in
// .weft/demo-account.json (git-ignored, readable by this user only) so each start prints
// its sign-in again. Skipped in production and with WEFT_DEMO=0.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stateFile = path.join(root, '.weft/demo-account.json');

/** Returns the demo account to print, or undefined when seeding is off. */
export async function ensureDemo({ api, origin }) {
  if (process.env.NODE_ENV === 'production' || process.env.WEFT_DEMO === '0') return undefined;
  const { seedDemo } = await import('../libs/examples/dist/index.js');
  const saved = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : undefined;
  const seed = await seedDemo({ api, origin, examplesRoot: path.join(root, 'examples'), saved });
  if (seed.created) {
    mkdirSync(path.dirname(stateFile), { recursive: true });
    writeFileSync(stateFile, `${JSON.stringify(seed.account, null, 2)}\n`, { mode: 0o600 });
  }
  return seed;
}
