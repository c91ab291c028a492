import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ENTRIES = ['dist/index.js', 'dist/main.js'];

/** Files scripts/build.mjs leaves out of dist. */
const TEST_ONLY = /\.spec\.ts$|\.test-helpers\.ts$|[/\\](e2e|test-support)[/\\]/;

/** Newest modification time of the `.ts` files under `dir` that the build compiles. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (!entry.isFile() || !entry.name.endsWith('.ts') || TEST_ONLY.test(file)) continue;
    newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

/** Why the engine must be rebuilt (a dist entry missing or older than its sources), or undefined when it is up to date. */
export function staleBuild(root: string): string | undefined {
  const packages = ['libs', 'apps'].flatMap((group) => readdirSync(path.join(root, group)).map((name) => path.join(root, group, name)));
  for (const dir of packages) {
    if (!existsSync(path.join(dir, 'src')) || dir.endsWith(`${path.sep}web`)) continue;
    const entry = ENTRIES.map((e) => path.join(dir, e)).find((e) => existsSync(e));
    if (!entry) return `${path.relative(root, dir)} has no dist`;
    if (newestSource(path.join(dir, 'src')) > statSync(entry).mtimeMs) return `${path.relative(root, dir)}/src is newer than its dist`;
  }
  return undefined;
}

/** Runs `npm run build` when the dist folders are missing or stale. */
export function buildIfNeeded(root: string, log: (line: string) => void): void {
  const reason = staleBuild(root);
  if (!reason) return;
  log(`building (${reason})…`);
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error('npm run build failed');
}
