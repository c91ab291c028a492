import { spawn } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from './harness.js';
import { stackPerFile } from './stack-per-file.js';

const root = path.resolve(import.meta.dirname, '../../../..');

/** Runs `npm run import-example`'s script (from the build) against the test API; resolves with its exit code and output. */
function importExample(stack: Stack, args: string[], apiKey = stack.headers.authorization!.replace(/^Bearer /, '')) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['scripts/import-example.mjs', ...args], { cwd: root, env: { PATH: process.env.PATH, WEFT_API_URL: stack.base, WEFT_API_KEY: apiKey } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run import-example', () => {
  const file = stackPerFile({ roles: ['projector'] });
  let stack: Stack;

  beforeAll(() => {
    stack = file.stack;
  });

  it('imports, publishes and schedules a shipped example, printing its id', async () => {
    const result = await importExample(stack, ['examples/etl', 'ordersApiUrl=https://shop.example.com/orders', 'sourceCredentialId=c1', 'targetCredentialId=c2', 'cron=0 3 * * *']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const workflowId = /as workflow (\S+), version 1/.exec(result.stdout)?.[1];
    expect(workflowId).toBeDefined();
    const { workflow } = await stack.ok<{ workflow: { name: string; latestVersion: number; triggers: { kind: string; cron: string }[] } }>('query ($id: ID!) { workflow(id: $id) { name latestVersion triggers } }', { id: workflowId });
    expect(workflow).toMatchObject({ name: expect.stringMatching(/^ETL/), latestVersion: 1, triggers: [{ kind: 'schedule', cron: '0 3 * * *' }] });
  });

  it('prints the webhook URL and its signing secret once', async () => {
    const result = await importExample(stack, ['examples/internal-automation', ...['crmApiUrl', 'billingApiUrl', 'notifyUrl'].map((name) => `${name}=https://${name}.example.com`), ...['crmCredentialId', 'billingCredentialId'].map((name) => `${name}=c`)]);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/webhook \S+: http\S+\/hooks\/\S+ \(signing secret \S+, shown once\)/);
  });

  it('refuses a missing parameter, an unknown one, a bad key and a missing folder with one line each, exit code 2', async () => {
    const cases: [string[], RegExp, string?][] = [
      [['examples/etl', 'ordersApiUrl=x'], /missing "sourceCredentialId" \(The id of a postgres credential/],
      [['examples/etl', 'colour=blue'], /no parameter "colour"/],
      [['examples/nowhere'], /examples\/nowhere\/workflow\.json: not found/],
      [['examples/etl', 'ordersApiUrl=x', 'sourceCredentialId=a', 'targetCredentialId=b'], /UNAUTHENTICATED|not signed in|API key/i, 'weft_not-a-key'],
    ];
    for (const [args, message, key] of cases) {
      const result = await importExample(stack, args, key);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(/^import-example: .+\n$/);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
  });
});
