import { beforeAll, describe, expect, it } from 'vitest';
import { delayGraph, linearGraph } from './graphs.js';
import { publishWorkflow, startRun, type Client, type Stack } from './harness.js';
import { stackPerFile } from './stack-per-file.js';
import { addMember, createWorkspace, signOut, signUp, TEST_ORIGIN, type Session } from './identity.js';

const CODE = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions?.code;

describe('accounts, workspaces and roles', () => {
  const file = stackPerFile();
  let stack: Stack;
  let outsider: Session;
  let outsiderKey: Client;
  let member: Session;
  let admin: Session;
  let workflowId: string;
  let workflowName: string;
  let runId: string;
  let keyId: string;

  beforeAll(async () => {
    stack = file.stack;
    workflowName = `secret-plan-${crypto.randomUUID().slice(0, 8)}`;
    workflowId = await publishWorkflow(stack, workflowName, delayGraph(30));
    runId = await startRun(stack, workflowId, { confidential: 'A-only' });
    keyId = (await stack.as(stack.owner).ok<{ apiKeys: { id: string }[] }>('{ apiKeys { id } }')).apiKeys[0]!.id;

    outsider = await signUp(stack.base, `outsider-${crypto.randomUUID()}@example.com`);
    await createWorkspace(stack.base, outsider, 'Elsewhere');
    const created = await stack.as(outsider).ok<{ createApiKey: { secret: string } }>('mutation { createApiKey(input: { name: "b", role: admin }) { secret } }');
    outsiderKey = stack.as({ apiKey: created.createApiKey.secret });

    member = await signUp(stack.base, `member-${crypto.randomUUID()}@example.com`);
    await addMember(stack.base, stack.owner, stack.workspaceId, member, 'member');
    admin = await signUp(stack.base, `admin-${crypto.randomUUID()}@example.com`);
    await addMember(stack.base, stack.owner, stack.workspaceId, admin, 'admin');
  });

  describe("another workspace's user or key is refused everything, and learns nothing", () => {
    const leaks = (result: unknown) => JSON.stringify(result).includes(workflowName) || JSON.stringify(result).includes('A-only');

    it.each([
      ['workflow', 'query ($w: ID!) { workflow(id: $w) { id name } }', 'null'],
      ['run', 'query ($r: ID!) { run(id: $r) { id input } }', 'null'],
      ['updateWorkflowDraft', 'mutation ($w: ID!) { updateWorkflowDraft(input: { id: $w, name: "x" }) { id } }', 'NOT_FOUND'],
      ['publishWorkflow', 'mutation ($w: ID!) { publishWorkflow(id: $w) { version } }', 'NOT_FOUND'],
      ['archiveWorkflow', 'mutation ($w: ID!) { archiveWorkflow(id: $w) { id } }', 'NOT_FOUND'],
      ['startRun', 'mutation ($w: ID!) { startRun(input: { workflowId: $w }) { id } }', 'NOT_FOUND'],
      ['cancelRun', 'mutation ($r: ID!) { cancelRun(id: $r) { id } }', 'NOT_FOUND'],
      // (an API key may not manage keys at all: FORBIDDEN, before the key id is even looked at)
      ['revokeApiKey', 'mutation ($k: ID!) { revokeApiKey(id: $k) { id } }', 'NOT_FOUND|FORBIDDEN'],
    ])('%s', async (_name, query, expected) => {
      for (const client of [stack.as(outsider), outsiderKey]) {
        const result = await client.gql<Record<string, unknown>>(query, { w: workflowId, r: runId, k: keyId });
        if (expected === 'null') expect(Object.values(result.data ?? { x: 'missing' })[0]).toBeNull();
        else expect(CODE(result)).toMatch(new RegExp(`^(${expected})$`));
        expect(leaks(result)).toBe(false);
      }
    });

    it('lists only its own workflows, runs and keys', async () => {
      const lists = await outsiderKey.ok<{ workflows: { nodes: { id: string }[] }; runs: { nodes: { id: string }[] } }>('{ workflows(first: 100) { nodes { id } } runs(first: 100) { nodes { id } } }');
      expect(lists.workflows.nodes.map((w) => w.id)).not.toContain(workflowId);
      expect(lists.runs.nodes.map((r) => r.id)).not.toContain(runId);
      const keys = await stack.as(outsider).ok<{ apiKeys: { id: string }[] }>('{ apiKeys { id } }');
      expect(keys.apiKeys.map((k) => k.id)).not.toContain(keyId);
    });

    it("refuses a session cookie sent from a page of an untrusted origin", async () => {
      const fromElsewhere = stack.as(stack.owner);
      const result = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', cookie: stack.owner.cookie, origin: 'http://evil.example' }, body: JSON.stringify({ query: '{ me { actorId } }' }) });
      expect(CODE((await result.json()) as { errors?: { extensions?: Record<string, unknown> }[] })).toBe('UNAUTHENTICATED');
      const trigger = await fetch(`${stack.base}/api/workflows/${workflowId}/runs`, { method: 'POST', headers: { 'content-type': 'text/plain', cookie: stack.owner.cookie, origin: 'http://evil.example' }, body: 'x' });
      expect(trigger.status).toBe(401);
      expect((await fromElsewhere.ok<{ me: { role: string } }>('{ me { role } }')).me.role).toBe('owner');
    });

    it('cannot subscribe to the run, nor trigger the workflow over HTTP', async () => {
      const errors = await new Promise<unknown[]>((resolve) =>
        outsiderKey.ws().subscribe({ query: 'subscription ($r: ID!) { runEvents(runId: $r) { type } }', variables: { r: runId } }, {
          next: (m) => m.errors && resolve([...m.errors]),
          error: (e) => resolve([e]),
          complete: () => resolve([]),
        }),
      );
      expect(errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
      const http = await fetch(`${stack.base}/api/workflows/${workflowId}/runs`, { method: 'POST', headers: { 'content-type': 'application/json', ...outsiderKey.headers }, body: '{}' });
      expect(http.status).toBe(404);
      expect(await http.text()).not.toContain(workflowName);
    });

    it('without credentials gets UNAUTHENTICATED, and a WebSocket without them is closed', async () => {
      const anonymous = stack.as({ apiKey: 'not-a-key' });
      expect(CODE(await anonymous.gql('{ workflows { nodes { id } } }'))).toBe('UNAUTHENTICATED');
      const closed = await new Promise<unknown>((resolve) =>
        anonymous.ws().subscribe({ query: 'subscription ($r: ID!) { runEvents(runId: $r) { type } }', variables: { r: runId } }, { next: resolve, error: resolve, complete: () => resolve('completed') }),
      );
      expect(closed).toMatchObject({ code: 4403 });
    });
  });

  describe('roles inside a workspace', () => {
    it('lets a member read and run, and refuses editing, publishing and keys with FORBIDDEN', async () => {
      const client = stack.as(member);
      expect((await client.ok<{ workflow: { id: string } }>('query ($w: ID!) { workflow(id: $w) { id } }', { w: workflowId })).workflow.id).toBe(workflowId);
      expect(await startRun(client, workflowId)).toEqual(expect.any(String));
      for (const mutation of [
        'mutation { createWorkflow(input: { name: "nope" }) { id } }',
        'mutation ($w: ID!) { publishWorkflow(id: $w) { version } }',
        'mutation ($w: ID!) { archiveWorkflow(id: $w) { id } }',
        'mutation { createApiKey(input: { name: "nope" }) { secret } }',
      ]) {
        const result = await client.gql(mutation, { w: workflowId });
        expect(CODE(result)).toBe('FORBIDDEN');
      }
    });

    it('gives a member-role key the member rights only', async () => {
      const created = await stack.as(stack.owner).ok<{ createApiKey: { secret: string } }>('mutation { createApiKey(input: { name: "reader" }) { secret } }');
      const key = stack.as({ apiKey: created.createApiKey.secret });
      expect(await startRun(key, workflowId)).toEqual(expect.any(String));
      expect(CODE(await key.gql('mutation { createWorkflow(input: { name: "nope" }) { id } }'))).toBe('FORBIDDEN');
    });

    it('lets an admin edit, publish and manage API keys, but only owners manage members', async () => {
      const client = stack.as(admin);
      const id = await publishWorkflow(client, 'by the admin', linearGraph(1));
      expect(id).toEqual(expect.any(String));
      const key = await client.ok<{ createApiKey: { apiKey: { role: string } } }>('mutation { createApiKey(input: { name: "by the admin", role: admin }) { apiKey { role } } }');
      expect(key.createApiKey.apiKey.role).toBe('admin');
      const invite = await fetch(`${stack.base}/api/auth/organization/invite-member`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: TEST_ORIGIN, cookie: admin.cookie },
        body: JSON.stringify({ email: 'someone@example.com', role: 'member', organizationId: stack.workspaceId }),
      });
      expect(invite.status).toBe(403);
    });

    it("keeps API keys manageable only from a signed-in session, revokes them, and ends a deleted workspace's keys", async () => {
      const viaKey = await stack.gql('mutation { createApiKey(input: { name: "from a key" }) { secret } }');
      expect(CODE(viaKey)).toBe('FORBIDDEN');
      expect(CODE(await stack.gql('{ apiKeys { id } }'))).toBe('FORBIDDEN');
      const doomed = await signUp(stack.base, `doomed-${crypto.randomUUID()}@example.com`);
      const doomedWorkspace = await createWorkspace(stack.base, doomed, 'Doomed');
      const doomedKey = (await stack.as(doomed).ok<{ createApiKey: { secret: string } }>('mutation { createApiKey(input: { name: "d" }) { secret } }')).createApiKey.secret;
      await fetch(`${stack.base}/api/auth/organization/delete`, { method: 'POST', headers: { 'content-type': 'application/json', origin: TEST_ORIGIN, cookie: doomed.cookie }, body: JSON.stringify({ organizationId: doomedWorkspace }) });
      const owner = stack.as(stack.owner);
      const created = await owner.ok<{ createApiKey: { apiKey: { id: string }; secret: string } }>('mutation { createApiKey(input: { name: "short-lived" }) { apiKey { id } secret } }');
      await owner.ok('mutation ($k: ID!) { revokeApiKey(id: $k) { id } }', { k: created.createApiKey.apiKey.id });
      await new Promise((resolve) => setTimeout(resolve, 5100)); // verified keys are trusted for up to 5 s
      expect(CODE(await stack.as({ apiKey: created.createApiKey.secret }).gql('{ me { actorId } }'))).toBe('UNAUTHENTICATED');
      expect(CODE(await stack.as({ apiKey: doomedKey }).gql('{ me { actorId } }'))).toBe('UNAUTHENTICATED');
    });
  });

  it('stops pushing to a subscription whose session was revoked mid-run', async () => {
    const slow = await publishWorkflow(stack, 'slow', { nodes: [{ id: 'a', type: 'set', config: { values: {} } }, { id: 'wait', type: 'delay', config: { seconds: 1.5 } }, { id: 'b', type: 'set', config: { values: {} } }], edges: [{ id: 'e1', source: 'a', target: 'wait' }, { id: 'e2', source: 'wait', target: 'b' }] });
    const watcher = await signUp(stack.base, `watcher-${crypto.randomUUID()}@example.com`);
    await addMember(stack.base, stack.owner, stack.workspaceId, watcher, 'member');
    const run = await startRun(stack, slow);
    const received: { type: string; at: number }[] = [];
    let revokedAt = 0;
    const done = new Promise<void>((resolve) => {
      stack.as(watcher).ws().subscribe({ query: 'subscription ($r: ID!) { runEvents(runId: $r) { type nodeId } }', variables: { r: run } }, {
        next: (message) => {
          const event = (message.data as { runEvents: { type: string; nodeId: string | null } }).runEvents;
          received.push({ type: `${event.type}:${event.nodeId ?? ''}`, at: Date.now() });
          if (event.type === 'run.waiting' && !revokedAt) void signOut(stack.base, watcher).then(() => (revokedAt = Date.now()));
        },
        error: () => resolve(),
        complete: () => resolve(),
      });
    });
    await done;
    expect(revokedAt).toBeGreaterThan(0);
    expect(received.some((e) => e.type === 'run.waiting:wait')).toBe(true);
    expect(received.filter((e) => e.at > revokedAt)).toEqual([]);
    expect(received.map((e) => e.type)).not.toContain('node.completed:b');
  });

  it('authenticates every operation on an open socket again: nothing for a session signed out since it opened', async () => {
    const user = await signUp(stack.base, `socket-${crypto.randomUUID()}@example.com`);
    await addMember(stack.base, stack.owner, stack.workspaceId, user, 'member');
    const socket = stack.as(user).ws();
    const ask = () =>
      new Promise<unknown>((resolve) =>
        socket.subscribe({ query: 'subscription ($r: ID!) { runEvents(runId: $r) { type } }', variables: { r: runId } }, {
          next: (m) => resolve(m.errors ? m.errors[0] : m.data),
          error: resolve,
          complete: () => resolve('completed'),
        }),
      );
    expect(await ask()).toMatchObject({ runEvents: { type: 'workflow.started' } });
    await signOut(stack.base, user);
    expect(await ask()).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('keeps an audit trail per workflow: who created, edited, published, ran and cancelled', async () => {
    const owner = stack.as(stack.owner);
    const id = await publishWorkflow(owner, 'audited', delayGraph(30));
    await owner.ok('mutation ($i: UpdateWorkflowDraftInput!) { updateWorkflowDraft(input: $i) { id } }', { i: { id, description: 'edited' } });
    const run = await startRun(stack, id);
    await stack.ok('mutation ($r: ID!) { cancelRun(id: $r, reason: "changed my mind") { id } }', { r: run });
    let entries: { action: string; actor: { kind: string; name: string | null }; runId: string | null }[] = [];
    for (let i = 0; i < 100 && entries.length < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      entries = (await owner.ok<{ workflow: { audit: { nodes: typeof entries } } }>('query ($w: ID!) { workflow(id: $w) { audit(first: 20) { nodes { action runId actor { kind name } } } } }', { w: id })).workflow.audit.nodes;
    }
    expect(entries.map((e) => e.action)).toEqual(['run.cancelled', 'run.started', 'workflow.draft_updated', 'workflow.version_published', 'workflow.created']);
    expect(entries[0]).toMatchObject({ runId: run, actor: { kind: 'apiKey', name: 'tests' } });
    expect(entries[4]).toMatchObject({ actor: { kind: 'user', name: stack.owner.email } });
  });
});
