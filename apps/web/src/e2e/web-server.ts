import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** apps/web, where `next` builds and serves from. */
export const WEB_DIR = path.resolve(import.meta.dirname, '../..');
const NEXT_BIN = path.resolve(WEB_DIR, '../../node_modules/next/dist/bin/next');

export type WebServer = { origin: string; close(): Promise<void> };

/**
 * `next build` against one API origin: Next bakes rewrites into the build, so the proxy
 * target is fixed here. A separate dist dir keeps `npm start`'s build untouched.
 */
export function buildWeb(apiOrigin: string, distDir: string): void {
  const result = spawnSync(process.execPath, [NEXT_BIN, 'build'], {
    cwd: WEB_DIR,
    env: { ...process.env, WEFT_API_ORIGIN: apiOrigin, WEFT_WEB_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`next build failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
}

/** `next start` on a free port; resolves once it answers. */
export async function startWeb(distDir: string, port: number): Promise<WebServer> {
  const child: ChildProcess = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: WEB_DIR,
    env: { ...process.env, WEFT_WEB_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output}`);
    const up = await fetch(`${origin}/sign-in`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > deadline) throw new Error(`next start did not answer within 30 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
