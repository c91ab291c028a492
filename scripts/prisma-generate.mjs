// Generates the Prisma client. Prisma's CLI looks for its schema engine even
// though generating needs none; where the engine could not be downloaded (no
// network but the npm registry), any existing file satisfies that check.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const enginesDir = path.dirname(require.resolve('@prisma/engines/package.json'));
  const downloaded = ['schema-engine-debian-openssl-3.0.x', 'schema-engine-linux-static-x64'].map((f) => path.join(enginesDir, f)).find(existsSync);
  env.PRISMA_SCHEMA_ENGINE_BINARY = downloaded ?? process.execPath;
}
const result = spawnSync(process.execPath, [require.resolve('prisma/build/index.js'), 'generate'], { stdio: ['ignore', 'pipe', 'inherit'], env });
if (result.status !== 0) {
  process.stdout.write(result.stdout);
  process.exit(result.status ?? 1);
}
