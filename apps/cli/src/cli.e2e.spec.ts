import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Stack } from '../../api/src/e2e/harness.js';
import { stackPerFile } from '../../api/src/e2e/stack-per-file.js';

const root = path.resolve(import.meta.dirname, '../../..');
/** The built command, as `npx weft` runs it (node_modules/.bin/weft links to it). */
const BIN = path.join(root, 'apps/cli/bin/weft.js');

type Result = { code: number | null; stdout: string; stderr: string };

/** A workflow file as `weft export` writes it, without the id: the round trip must give it back. */
const SIZE_CHECK = `format: weft-workflow/1
name: Size check
description: Doubles n, then says whether it is big.
settings:
  timeoutMs: 60000
triggers:
  - id: nightly
    kind: schedule
    cron: 0 3 * * *
    timezone: Europe/Paris
    misfire: fire_once
    paused: false
    input:
      n: 1
  - id: hook
    kind: webhook
    signed: false
nodes:
  - id: prepare
    type: set
    position:
      x: 0
      y: 0
    config:
      values:
        doubled: "{{ n * 2 }}"
  - id: check
    type: if
    name: Is it big?
    config:
      condition: "{{ n > 50 }}"
  - id: big
    type: set
    config:
      values:
        size: big
  - id: small
    type: set
    config:
      values:
        size: small
  - id: join
    type: merge
    config: {}
edges:
  - id: e1
    source: prepare
    target: check
  - id: e2
    source: check
    sourceHandle: "true"
    target: big
  - id: e3
    source: check
    sourceHandle: "false"
    target: small
  - id: e4
    source: big
    target: join
  - id: e5
    source: small
    target: join
`;

/** Fails at once: nothing listens on port 1 (127.0.0.1 is allowed in the test stack). */
const FAILING = `name: Failing call
nodes:
  - id: call
    type: http
    config:
      url: http://127.0.0.1:1/
`;

// Each test starts the built CLI several times (about a second each on a busy machine).
describe('the weft CLI (built) against a running API', { timeout: 90_000 }, () => {
  const file = stackPerFile();
  let stack: Stack;
  let dir: string;
  let key: string;

  /** Runs the built CLI in the test folder with the stack's API and admin key. */
  const weft = (args: string[], env: Record<string, string> = {}): Promise<Result> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { PATH: process.env.PATH, WEFT_API_URL: stack.base, WEFT_API_KEY: key, ...env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  const workflowCount = async () => (await stack.ok<{ workflows: { nodes: unknown[] } }>('{ workflows(first: 100) { nodes { id } } }')).workflows.nodes.length;

  beforeAll(async () => {
    stack = file.stack;
    key = stack.headers.authorization!.replace(/^Bearer /, '');
    dir = await mkdtemp(path.join(os.tmpdir(), 'weft-cli-'));
    await writeFile(path.join(dir, 'size-check.yaml'), SIZE_CHECK);
    await writeFile(path.join(dir, 'failing.yaml'), FAILING);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('imports a YAML file, runs it with live events, and exports it back unchanged (YAML and JSON)', async () => {
    const imported = await weft(['import', 'size-check.yaml', '--publish']);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const workflowId = /created workflow (\S+) "Size check"/.exec(imported.stdout)?.[1];
    expect(workflowId).toBeDefined();
    expect(imported.stdout).toContain('size-check.yaml: published version 1\n');
    expect(imported.stdout).toContain('size-check.yaml: triggers set: nightly, hook\n');
    expect(imported.stdout).toMatch(/size-check\.yaml: webhook hook: http\S+\/hooks\/\S+ \(shown once\)/);

    const run = await weft(['run', workflowId!, '--input', '{"n": 80}']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^started run \\S+ of workflow ${workflowId}, version 1$`));
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\+\d+\.\d{3}s {2}workflow\.started {2}version 1$/),
        expect.stringMatching(/^\+\d+\.\d{3}s {2}node\.completed {4}prepare in \d+ms$/),
        expect.stringMatching(/^\+\d+\.\d{3}s {2}node\.completed {4}check in \d+ms, branch true$/),
        expect.stringMatching(/^\+\d+\.\d{3}s {2}node\.skipped {6}small$/),
        expect.stringMatching(/^\+\d+\.\d{3}s {2}workflow\.finished succeeded$/),
        expect.stringMatching(/^run \S+ succeeded in /),
      ]),
    );
    expect(JSON.parse(run.stdout.slice(run.stdout.indexOf('output: ') + 'output: '.length))).toEqual({ n: 80, doubled: 160, size: 'big' });

    const yaml = await weft(['export', workflowId!, '--out', 'out']);
    expect({ code: yaml.code, stderr: yaml.stderr, stdout: yaml.stdout }).toEqual({ code: 0, stderr: '', stdout: `wrote out/size-check.yaml (workflow ${workflowId})\n` });
    const exported = await readFile(path.join(dir, 'out/size-check.yaml'), 'utf8');
    // The round trip: the same text, with the workflow's id added after the format line.
    expect(exported).toBe(SIZE_CHECK.replace('format: weft-workflow/1\n', `format: weft-workflow/1\nid: ${workflowId}\n`));

    const json = await weft(['export', '--all', '--format', 'json', '--out', 'out']);
    expect(json.code).toBe(0);
    expect(JSON.parse(await readFile(path.join(dir, 'out/size-check.json'), 'utf8'))).toEqual(parse(exported));

    // The exported file names its workflow: importing it again changes nothing.
    const again = await weft(['import', 'out/size-check.yaml', '--publish']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`out/size-check.yaml: workflow ${workflowId} "Size check" unchanged\nout/size-check.yaml: published version 1 (unchanged)\nout/size-check.yaml: triggers set: nightly, hook\n`);
    const renamed = path.join(dir, 'out/renamed.json');
    await writeFile(renamed, JSON.stringify({ ...(parse(exported) as object), name: 'Size check, renamed' }));
    const updated = await weft(['import', 'out/renamed.json']);
    expect(updated.stdout).toContain(`out/renamed.json: updated the draft of workflow ${workflowId} "Size check, renamed" (revision 2)\n`);
    expect(await workflowCount()).toBe(1);
  });

  it('runs a file (imported first) whose run fails: exit code 1, the error at the end', async () => {
    const run = await weft(['run', 'failing.yaml']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^failing\.yaml: created workflow \S+ "Failing call"/);
    expect(run.stdout).toMatch(/node\.failed {7}call: \w+: /);
    expect(run.stdout).toMatch(/workflow\.finished failed: /);
    expect(run.stdout).toMatch(/\nrun \S+ failed in \S+: \w+: .+ \(node "call"\)\n$/);
  });

  it('refuses a bad file or argument with one line and exit code 2, creating nothing', async () => {
    const before = await workflowCount();
    const files: [string, string, RegExp][] = [
      ['broken.yaml', 'name: x\nnodes: [\n', /^weft import: broken\.yaml: not valid YAML \(line \d+, column \d+\): /],
      ['typo.yaml', 'name: x\nnodes:\n  - id: a\n    type: set\n    confg: {}\n', /^weft import: typo\.yaml: nodes\[0\]\.confg \(node "a"\): unknown key/],
      ['no-url.yaml', 'name: x\nnodes:\n  - id: fetch\n    type: http\n    config: {}\n', /^weft import: no-url\.yaml: node "fetch", field "config\.url": is required\n$/],
      ['unknown-type.yaml', 'name: x\nnodes:\n  - id: a\n    type: teleport\n', /^weft import: unknown-type\.yaml: node "a", field "type": unknown node type "teleport"\n$/],
      ['bad-cron.yaml', 'name: x\nnodes:\n  - id: a\n    type: delay\n    config: { seconds: 1 }\ntriggers:\n  - id: t\n    kind: schedule\n    cron: sometimes\n', /^weft import: bad-cron\.yaml: triggers\[0\]\.cron: "sometimes" is not a cron expression/],
      ['flow.txt', 'name: x\n', /^weft import: flow\.txt: a workflow file ends in \.yaml, \.yml or \.json\n$/],
    ];
    await Promise.all(files.map(([name, text]) => writeFile(path.join(dir, name), text)));
    const imports = await Promise.all(files.map(([name]) => weft(['import', name, '--publish'])));
    files.forEach(([name, , message], i) => {
      const result = imports[i]!;
      expect({ name, code: result.code, stdout: result.stdout }, result.stderr).toEqual({ name, code: 2, stdout: '' });
      expect(result.stderr.split('\n').filter(Boolean), name).toHaveLength(1);
      expect(result.stderr, name).toMatch(message);
    });
    const runs: [string[], Record<string, string>, RegExp][] = [
      [['run', 'missing.yaml'], {}, /^weft run: missing\.yaml: no such file\n$/],
      [['run', '00000000-0000-4000-8000-000000000000'], {}, /^weft run: .*(not found|no workflow).*\n$/i],
      [['export', '--all'], { WEFT_API_KEY: 'weft_not-a-key' }, /^weft export: .+\n$/],
      [['export', '--all'], { WEFT_API_KEY: '' }, /^weft export: no API key: pass --key or set WEFT_API_KEY/],
      [['import', 'size-check.yaml', '--publsh'], {}, /^weft import: unknown option --publsh \(see weft import --help\)\n$/],
    ];
    const results = await Promise.all(runs.map(([args, env]) => weft(args, env)));
    runs.forEach(([args, , message], i) => {
      expect({ args, code: results[i]!.code }, results[i]!.stderr).toEqual({ args, code: 2 });
      expect(results[i]!.stderr, args.join(' ')).toMatch(message);
    });
    expect(await workflowCount()).toBe(before);
  });

  it('migrates and rebuilds the projections of the stack\'s database while it runs', async () => {
    const env = { DATABASE_URL: file.env.databaseUrl, REDIS_URL: file.env.redisUrl, WEFT_REDIS_PREFIX: file.env.redisPrefix };
    const before = await stack.ok<{ workflows: { nodes: { id: string; name: string; draftRevision: number }[] } }>('{ workflows(first: 100) { nodes { id name draftRevision } } }');
    expect(await weft(['migrate'], env)).toEqual({ code: 0, stdout: 'database schema up to date\n', stderr: '' });
    const rebuilt = await weft(['rebuild-projections'], env);
    expect({ code: rebuilt.code, stderr: rebuilt.stderr }).toEqual({ code: 0, stderr: '' });
    expect(rebuilt.stdout).toMatch(/rebuilding read models: 100% \(\d+\/\d+\)\nread models rebuilt\n$/);
    expect(await stack.ok('{ workflows(first: 100) { nodes { id name draftRevision } } }')).toEqual(before);
  });

  it('answers through npx weft (node_modules/.bin/weft)', async () => {
    const result = await new Promise<Result>((resolve) => {
      const child = spawn(path.join(root, 'node_modules/.bin/weft'), ['--version'], { cwd: root });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(result).toEqual({ code: 0, stdout: expect.stringMatching(/^weft \d+\.\d+\.\d+\n$/), stderr: '' });
  });
});
