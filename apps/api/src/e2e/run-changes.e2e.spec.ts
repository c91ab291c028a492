import { beforeAll, describe, expect, it } from 'vitest';
import { node } from './graphs.js';
import { publishWorkflow, startRun, waitForRun, type Client } from './harness.js';
import { outsiderClient, stackPerFile } from './stack-per-file.js';

type Pushed = { id: string; workflowId: string; status: string };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const hello = { nodes: [node('hello', 'set', { values: { hello: true } })], edges: [] };

describe('runChanges: a live list of runs', () => {
  const file = stackPerFile();
  let outsider: Client;

  beforeAll(async () => {
    outsider = await outsiderClient(file.stack);
  });

  /** Subscribes and collects what is pushed. */
  const watch = (client: Client, workflowId?: string) => {
    const pushed: Pushed[] = [];
    client.ws().subscribe<{ runChanges: Pushed }>(
      { query: 'subscription ($w: ID) { runChanges(workflowId: $w) { id workflowId status } }', variables: { w: workflowId ?? null } },
      { next: (message) => void (message.data && pushed.push(message.data.runChanges)), error: () => undefined, complete: () => undefined },
    );
    return pushed;
  };
  const until = async (check: () => boolean, what: string, poke: () => Promise<unknown> = () => Promise.resolve()) => {
    for (let i = 0; i < 50 && !check(); i += 1) await Promise.all([poke(), sleep(200)]);
    if (!check()) throw new Error(`timed out waiting for ${what}`);
  };

  it("pushes a workflow's runs as they change, as the read model shows them, and nothing of other workflows or workspaces", async () => {
    const { stack } = file;
    const watched = await publishWorkflow(stack, 'watched', hello);
    const other = await publishWorkflow(stack, 'other', hello);
    const theirs = await publishWorkflow(outsider, 'theirs', hello);
    const mine = watch(stack, watched);
    const everything = watch(stack);
    const outsiders = watch(outsider);

    // The subscriptions start asynchronously: start runs until each has heard one.
    await until(() => mine.length > 0 && everything.length > 0 && outsiders.length > 0, 'the first pushes', () => Promise.all([startRun(stack, watched, {}), startRun(outsider, theirs, {})]));
    const otherRun = await startRun(stack, other, {});
    await waitForRun(stack, otherRun);
    const last = await startRun(stack, watched, {});
    await until(() => mine.some((run) => run.id === last && run.status === 'succeeded'), 'the last run to succeed');

    expect(mine.every((run) => run.workflowId === watched)).toBe(true);
    expect(mine.filter((run) => run.id === last).map((run) => run.status).at(-1)).toBe('succeeded');
    expect(everything.some((run) => run.id === otherRun && run.status === 'succeeded')).toBe(true);
    expect(everything.some((run) => run.workflowId === theirs)).toBe(false);
    expect(outsiders.length).toBeGreaterThan(0);
    expect(outsiders.every((run) => run.workflowId === theirs)).toBe(true);
  });
});
