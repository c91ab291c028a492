import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import { ApiError } from './errors.js';
import type { Io } from './io.js';

/** An Io that keeps what a command writes. */
function bufferIo(env: Record<string, string> = {}): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (text: string) => void (io.stdout += text),
    err: (text: string) => void (io.stderr += text),
    isTTY: false,
    columns: 80,
    rows: 24,
    color: false,
    env,
    cwd: process.cwd(),
  };
  return io;
}

describe('weft', () => {
  it('prints help and the version, exit code 0', async () => {
    const io = bufferIo();
    expect(await runCli(['--help'], io)).toEqual({ exitCode: 0 });
    expect(await runCli(['import', '--help'], io)).toEqual({ exitCode: 0 });
    expect(await runCli(['--version'], io)).toEqual({ exitCode: 0 });
    expect(io.stdout).toMatch(/^weft: the Weft command line\n[\s\S]*\nweft import <file>… \[--publish\][\s\S]*\nweft \d+\.\d+\.\d+\n$/);
    expect(io.stderr).toBe('');
  });

  it('refuses a bad command line or file with one line on stderr, exit code 2', async () => {
    const io = bufferIo({ WEFT_API_KEY: 'k' });
    expect(await runCli(['export', '--al'], io)).toEqual({ exitCode: 2 });
    expect(await runCli(['import', 'nowhere.yaml'], io)).toEqual({ exitCode: 2 });
    expect(await runCli(['teleport'], io)).toEqual({ exitCode: 2 });
    expect(io.stderr).toBe('weft export: unknown option --al (see weft export --help)\nweft import: nowhere.yaml: no such file\nweft: unknown command "teleport" (commands: start, migrate, rebuild-projections, export, import, run)\n');
    expect(io.stdout).toBe('');
  });

  it('prints an unreachable API as one line, exit code 1', async () => {
    const server = createServer();
    const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
    await new Promise((resolve) => server.close(resolve)); // nothing listens there now
    const io = bufferIo({ WEFT_API_KEY: 'k', WEFT_API_URL: `http://127.0.0.1:${port}` });
    expect(await runCli(['export', '--all'], io)).toEqual({ exitCode: 1 });
    expect(io.stderr).toBe(`weft export: cannot reach the API at http://127.0.0.1:${port}/graphql: ECONNREFUSED\n`);
  });

  it('exits 2 when the API refuses what the caller sent (input, ids, key), 1 otherwise', () => {
    expect(['BAD_USER_INPUT', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'UNAUTHENTICATED', 'FORBIDDEN'].map((code) => new ApiError('m', code).exitCode)).toEqual([2, 2, 2, 2, 2]);
    expect(['CONFLICT', 'INTERNAL_SERVER_ERROR', 'UNREACHABLE'].map((code) => new ApiError('m', code).exitCode)).toEqual([1, 1, 1]);
    expect(new ApiError('bad graph', 'BAD_USER_INPUT', { issues: [{ code: 'CYCLE', message: 'a cycle', nodeId: 'a' }, 'junk'] }).issues).toEqual([{ code: 'CYCLE', message: 'a cycle', nodeId: 'a' }]);
  });
});
