import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ENTRIES = {
  api: fileURLToPath(new URL('../../dist/main.js', import.meta.url)),
  worker: fileURLToPath(new URL('../../../worker/dist/main.js', import.meta.url)),
};

/** Starts a built entry with `env` only (plus PATH); resolves with its exit code and output once it exits. */
function startProcess(entry: keyof typeof ENTRIES, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  if (!existsSync(ENTRIES[entry])) throw new Error(`${ENTRIES[entry]} is missing: run "npm run build" first (npm test does)`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [ENTRIES[entry]], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A wrong or missing setting stops the process at once with one line naming it; nothing is started. */
describe('a bad configuration stops a process with one line naming the setting', () => {
  it.each([
    ['api', { PORT: 'eighty' }, /^weft api: invalid setting PORT: .+$/],
    ['worker', { WEFT_WORKER_CONCURRENCY: '0' }, /^weft worker: invalid setting WEFT_WORKER_CONCURRENCY: .+$/],
    ['worker', { WEFT_ROLES: 'worker,chef' }, /^weft worker: invalid setting WEFT_ROLES\.1: .+$/],
    ['api', { DATABASE_URL: 'mysql://db.example/weft' }, /^weft api: invalid setting DATABASE_URL: must be a postgresql:\/\/ URL$/],
    ['api', { NODE_ENV: 'production', WEFT_SECRETS_KEY: 'BNC8iOh+OvnqrJQoUUDnSkl+9Ddhh6t06AgVAsMr4UM=' }, /^weft api: invalid setting WEFT_AUTH_SECRET: required in production .+$/],
    ['worker', { WEFT_HEALTH_PORT: '70000' }, /^weft worker: invalid setting WEFT_HEALTH_PORT: .+$/],
  ] as const)('%s with %j', { timeout: 30_000 }, async (entry, env, line) => {
    const { code, stdout, stderr } = await startProcess(entry, { ...env });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
  });

  it('an unreachable PostgreSQL is one line too, naming the host and the setting, without the password', { timeout: 30_000 }, async () => {
    const { code, stderr } = await startProcess('api', { DATABASE_URL: 'postgresql://weft:hunter2-secret@127.0.0.1:1/weft' });
    expect(code).toBe(1);
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^weft api: PostgreSQL is not reachable at 127\.0\.0\.1:1 \(DATABASE_URL\): .+$/);
    expect(stderr).not.toContain('hunter2');
  });
});
