import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusTally, SECURITY_CORPORA } from '@weft/testing';
import { startServer, type TestServer } from '../../../../libs/nodes/src/test-support/http-server.js';
import { node } from './graphs.js';
import { publishWorkflow, startRun, waitForRun, type Client, type Stack } from './harness.js';
import { outsiderClient, stackPerFile } from './stack-per-file.js';

const SET = /* GraphQL */ `mutation ($entries: [String!]!) { setNetworkAllowList(entries: $entries) { entries updatedAt } }`;
const RUN = /* GraphQL */ `query ($id: ID!) { run(id: $id) { status nodeRuns { error } } }`;
type RunView = { run: { status: string; nodeRuns: { error: { message: string } | null }[] } };

/** Counted as refused only as observed; recorded for docs/RELIABILITY.md. */
const tally = corpusTally(SECURITY_CORPORA.ssrf, 'one URL an http node is told to fetch (or a redirect it follows, a URL published, an allow-list entry set), refused only if the node failed with the blocked-address error or the API refused it; leaked: connections the local canary server received, requests an internal server received while closed');
afterAll(() => void tally.record());

describe("a workspace's network allow-list, through the API", () => {
  // No operator allow-list at all (the harness's default 127.0.0.1 is cleared); workspaces may open loopback and 10/8.
  const file = stackPerFile({ env: { WEFT_HTTP_ALLOW: '', WEFT_WORKSPACE_ALLOWABLE: '127.0.0.0/8,10.0.0.0/8' } });
  let stack: Stack;
  /** Stands for an internal service; 127.0.0.1 stands for a private network the operator lets workspaces open. */
  let internal: TestServer;
  let outsider: Client;

  beforeAll(async () => {
    stack = file.stack;
    internal = await startServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"internal":true}'));
    outsider = await outsiderClient(stack);
  });
  afterAll(async () => {
    await internal?.close();
  });

  const callInternal = async (client: Client) => {
    const graph = { nodes: [node('call', 'http', { url: `http://127.0.0.1:${internal.port}/status` }, { retry: { maxAttempts: 1 } })], edges: [] };
    const runId = await startRun(client, await publishWorkflow(client, 'call internal', graph), {});
    await waitForRun(stack, runId);
    return (await client.ok<RunView>(RUN, { id: runId })).run;
  };
  const eventCount = async () => Number((await stack.platform.pool.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]!.n);

  it('opens a private host to this workspace only, from the next attempt on, until cleared', async () => {
    expect(await stack.ok('{ networkAllowList { entries updatedAt } }')).toEqual({ networkAllowList: { entries: [], updatedAt: null } });
    const closed = await callInternal(stack);
    const blocked = /^Blocked request to 127\.0\.0\.1: loopback address \(port \d+\) is not allow-listed$/;
    tally.count('a private host not (or no longer) on the workspace allow-list', closed.status === 'failed' && blocked.test(closed.nodeRuns[0]?.error?.message ?? ''), internal.requests.length);
    expect(closed.nodeRuns[0]!.error!.message).toMatch(blocked);
    expect(internal.requests.length).toBe(0);

    const set = await stack.ok<{ setNetworkAllowList: { entries: string[]; updatedAt: string } }>(SET, { entries: [` 127.0.0.1:${internal.port} `, '10.0.0.0/8'] });
    expect(set.setNetworkAllowList.entries).toEqual([`127.0.0.1:${internal.port}`, '10.0.0.0/8']);
    expect(await callInternal(stack)).toMatchObject({ status: 'succeeded' });
    expect(internal.requests.length).toBe(1);

    // Another workspace's list is its own (empty).
    expect(await outsider.ok('{ networkAllowList { entries } }')).toEqual({ networkAllowList: { entries: [] } });
    const fromOutsider = await callInternal(outsider);
    tally.count("a private host on another workspace's allow-list", fromOutsider.status === 'failed' && blocked.test(fromOutsider.nodeRuns[0]?.error?.message ?? ''), internal.requests.length - 1);
    expect(fromOutsider).toMatchObject({ status: 'failed' });

    await stack.ok(SET, { entries: [] });
    const requestsBefore = internal.requests.length;
    const cleared = await callInternal(stack);
    tally.count('a private host not (or no longer) on the workspace allow-list', cleared.status === 'failed' && blocked.test(cleared.nodeRuns[0]?.error?.message ?? ''), internal.requests.length - requestsBefore);
    expect(cleared).toMatchObject({ status: 'failed' });
    expect(internal.requests.length).toBe(1);
  });

  it('refuses metadata and malformed entries naming the entry, and a member, changing nothing', async () => {
    const before = await eventCount();
    const refusal = async (client: Client, entries: string[], attack: string, code: string, field?: string) => {
      const error = (await client.gql(SET, { entries })).errors?.[0];
      tally.count(attack, error?.extensions?.code === code && (field === undefined || error?.extensions?.field === field));
      return error;
    };
    expect(await refusal(stack, ['10.1.1.1', '169.254.169.254'], 'allow-list entries: metadata, malformed, set by a member', 'BAD_USER_INPUT', 'entries[1]')).toMatchObject({ message: expect.stringMatching(/^entries\[1\]: "169.254.169.254" is outside the ranges a workspace may open/), extensions: { code: 'BAD_USER_INPUT', field: 'entries[1]' } });
    expect((await refusal(stack, ['http://10.0.0.1/'], 'allow-list entries: metadata, malformed, set by a member', 'BAD_USER_INPUT', 'entries[0]'))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'entries[0]' });
    const memberKey = (await stack.as(stack.owner).ok<{ createApiKey: { secret: string } }>('mutation { createApiKey(input: { name: "member", role: member }) { secret } }')).createApiKey.secret;
    expect((await refusal(stack.as({ apiKey: memberKey }), ['10.0.0.1'], 'allow-list entries: metadata, malformed, set by a member', 'FORBIDDEN'))?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const after = await eventCount();
    tally.leaked('allow-list entries: metadata, malformed, set by a member', Math.max(0, after - before));
    expect(after).toBe(before);
  });
});
