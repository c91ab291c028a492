// Compiles every workspace package from src/ to dist/ with SWC (tests excluded).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const swc = path.join(root, 'node_modules/.bin/swc');
const packages = ['libs', 'apps'].flatMap((group) =>
  readdirSync(path.join(root, group)).map((name) => path.join(root, group, name)).filter((dir) => existsSync(path.join(dir, 'src')) && !dir.endsWith('web')),
);
for (const dir of packages) {
  rmSync(path.join(dir, 'dist'), { recursive: true, force: true });
  const result = spawnSync(swc, ['src', '-d', 'dist', '--strip-leading-paths', '--config-file', path.join(root, '.swcrc'), '--ignore', '**/*.spec.ts', '--ignore', '**/test-support/**', '--ignore', '**/*.test-helpers.ts', '--ignore', '**/e2e/**', '--copy-files', '--quiet'], { cwd: dir, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
console.log(`built ${packages.length} packages`);
