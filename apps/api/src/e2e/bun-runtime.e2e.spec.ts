import { spawn, type ChildProcess } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, freePort, type TestEnv } from '@weft/testing';
import { node, edge } from './graphs.js';
import { createWorkspace, signUp, TEST_ORIGIN, type Session } from './identity.js';

const BUN = fileURLToPath(new URL('../../../../node_modules/.bin/bun', import.meta.url));
const ENTRIES = { api: fileURLToPath(new URL('../../dist/main.js', import.meta.url)), worker: fileURLToPath(new URL('../../../worker/dist/main.js', import.meta.url)) };

type Started = { child: ChildProcess; output: () => string };

/** Starts a built entry under Bun and resolves once it logged `ready`. */
function startUnderBun(entry: keyof typeof ENTRIES, env: Record<string, string>, ready: string): Promise<Started> {
  const child = spawn(BUN, [ENTRIES[entry]], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const append = (chunk: Buffer) => (output += chunk.toString());
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} under Bun not ready after 60 s: ${output.slice(-2000)}`)), 60_000);
    child.stderr.on('data', () => {
      if (output.includes(ready)) {
        clearTimeout(timer);
        resolve({ child, output: () => output });
      }
    });
    child.once('exit', (code) => reject(new Error(`${entry} under Bun exited (${code}): ${output.slice(-2000)}`)));
  });
}

/** The API and the background roles run under Bun as well as Node: a smoke test of a whole run. */
describe('Weft under Bun', () => {
  let env: TestEnv;
  const started: Started[] = [];
  let base: string;
  let owner: Session;

  beforeAll(async () => {
    env = await createTestEnv();
    const port = await freePort();
    const vars = { DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, WEFT_REDIS_PREFIX: env.redisPrefix, NODE_ENV: 'test', WEFT_PUBLIC_URL: TEST_ORIGIN, WEFT_PG_POOL_SIZE: '3', WEFT_VISIBILITY_TIMEOUT_MS: '5000' };
    started.push(await startUnderBun('api', { ...vars, WEFT_ROLES: 'api', PORT: String(port) }, '"msg":"api listening"'));
    started.push(await startUnderBun('worker', { ...vars, WEFT_ROLES: 'worker,relay,projector,scheduler' }, '"msg":"worker process started"'));
    base = `http://127.0.0.1:${port}`;
    owner = await signUp(base, `bun-${crypto.randomUUID()}@example.com`);
    await createWorkspace(base, owner, 'Bun');
  }, 120_000);

  afterAll(async () => {
    for (const { child } of started) child.kill('SIGKILL');
    await env?.cleanup();
  });

  const gql = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', origin: TEST_ORIGIN, cookie: owner.cookie }, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    if (body.errors || !body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    return body.data;
  };

  it('runs the api and worker processes on the Bun runtime, not Node', () => {
    for (const { child } of started) expect(readlinkSync(`/proc/${child.pid}/exe`)).toMatch(/bun/);
  });

  it('completes a run through the API: a branch, the code sandbox and a join', { timeout: 60_000 }, async () => {
    const graph = {
      nodes: [node('start', 'set', { values: { n: '{{ n }}' } }), node('check', 'if', { condition: '{{ n > 5 }}' }), node('big', 'code', { code: 'return { size: "big", twice: input.n * 2 };' }), node('small', 'set', { values: { size: 'small' } }), node('join', 'merge')],
      edges: [edge('start', 'check'), edge('check', 'big', 'true'), edge('check', 'small', 'false'), edge('big', 'join'), edge('small', 'join')],
    };
    const { createWorkflow } = await gql<{ createWorkflow: { id: string } }>('mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }', { input: { name: 'under bun', graph } });
    await gql('mutation ($id: ID!) { publishWorkflow(id: $id) { version } }', { id: createWorkflow.id });
    const { startRun } = await gql<{ startRun: { id: string } }>('mutation ($input: StartRunInput!) { startRun(input: $input) { id } }', { input: { workflowId: createWorkflow.id, input: { n: 21 } } });
    const deadline = Date.now() + 45_000;
    let run: { status: string; output: unknown } | null = null;
    while (Date.now() < deadline) {
      run = (await gql<{ run: { status: string; output: unknown } | null }>('query ($id: ID!) { run(id: $id) { status output } }', { id: startRun.id })).run;
      if (run && run.status !== 'running' && run.status !== 'queued') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(run, started.map((s) => s.output().slice(-3000)).join('\n')).toEqual({ status: 'succeeded', output: { size: 'big', twice: 42 } });
  });
});
