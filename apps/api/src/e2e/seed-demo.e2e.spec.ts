import { fileURLToPath } from 'node:url';
import { seedDemo } from '@weft/examples';
import { describe, expect, it } from 'vitest';
import { waitForRun } from './harness.js';
import { TEST_ORIGIN } from './identity.js';
import { stackPerFile } from './stack-per-file.js';

const examplesRoot = fileURLToPath(new URL('../../../../examples', import.meta.url));

/** Signs in as the web app does: then makes the account's (only) workspace the active one. */
const signIn = async (base: string, account: { email: string; password: string }) => {
  const headers = { 'content-type': 'application/json', origin: TEST_ORIGIN };
  const response = await fetch(`${base}/api/auth/sign-in/email`, { method: 'POST', headers, body: JSON.stringify(account) });
  expect(response.status).toBe(200);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('better-auth.session_token='))!.split(';')[0]!;
  const workspaces = (await (await fetch(`${base}/api/auth/organization/list`, { headers: { ...headers, cookie } })).json()) as { id: string; name: string }[];
  expect(workspaces.map((w) => w.name)).toEqual(['Demo workspace']);
  await fetch(`${base}/api/auth/organization/set-active`, { method: 'POST', headers: { ...headers, cookie }, body: JSON.stringify({ organizationId: workspaces[0]!.id }) });
  return cookie;
};

type Listed = { workflows: { nodes: { id: string; name: string; latestVersion: number | null; draft: unknown }[] } };
const LIST = 'query { workflows(first: 100) { nodes { id name latestVersion draft } } }';

/** What `npm start` seeds on a fresh machine: a demo account with the shipped examples, one of them ready to run. */
describe('the demo workspace', () => {
  const file = stackPerFile({ roles: ['worker', 'relay', 'projector', 'scheduler'] });

  it('is created once with every example: "Hello, Weft" published and running without anything outside Weft, the others drafts with their parameters to fill in', { timeout: 60_000 }, async () => {
    const { stack } = file;
    const seed = await seedDemo({ api: stack.base, origin: TEST_ORIGIN, examplesRoot });
    expect(seed.created).toBe(true);
    expect(seed.account.email).toBe('demo@weft.local');
    expect(seed.account.password.length).toBeGreaterThanOrEqual(16);
    expect(seed.workflows.filter((w) => w.published).map((w) => w.name)).toEqual(['Hello, Weft']);
    expect(seed.workflows).toHaveLength(5);

    const demo = stack.as({ cookie: await signIn(stack.base, seed.account) });
    const listed = (await demo.ok<Listed>(LIST)).workflows.nodes;
    expect(listed.map((w) => w.name).sort()).toEqual(seed.workflows.map((w) => w.name).sort());
    const report = listed.find((w) => w.name === 'Daily report by email')!;
    expect(report.latestVersion).toBeNull();
    expect(JSON.stringify(report.draft)).toContain('<<reportApiUrl>>');

    const hello = listed.find((w) => w.name === 'Hello, Weft')!;
    expect(hello.latestVersion).toBe(1);
    const { startRun } = await demo.ok<{ startRun: { id: string } }>('mutation ($input: StartRunInput!) { startRun(input: $input) { id } }', { input: { workflowId: hello.id, input: { name: 'Ada' } } });
    const run = await waitForRun(stack, startRun.id, 30_000);
    expect(run).toEqual({ status: 'succeeded', output: { greeting: 'Hello, Ada!', letters: 8, verdict: 'a short greeting' }, error: null });
  });

  it('is not seeded again while the saved account signs in; a lost password gets a new demo account rather than touching the old one', { timeout: 60_000 }, async () => {
    const { stack } = file;
    const first = await seedDemo({ api: stack.base, origin: TEST_ORIGIN, examplesRoot, saved: undefined }).catch(() => undefined);
    // The first test made demo@weft.local; without its password a second account is made.
    expect(first?.account.email).toMatch(/^demo-[0-9a-f]{6}@weft\.local$/);
    const again = await seedDemo({ api: stack.base, origin: TEST_ORIGIN, examplesRoot, saved: first!.account });
    expect(again).toEqual({ account: first!.account, created: false, workflows: [] });
    const demo = stack.as({ cookie: await signIn(stack.base, first!.account) });
    expect((await demo.ok<Listed>(LIST)).workflows.nodes).toHaveLength(5);
  });
});
