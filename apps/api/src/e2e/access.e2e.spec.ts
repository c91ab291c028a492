import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusTally, SECURITY_CORPORA } from '@weft/testing';
import { delayGraph, linearGraph } from './graphs.js';
import { publishWorkflow, startRun, type Client, type Stack } from './harness.js';
import { until } from './slow-server.js';
import { stackPerFile } from './stack-per-file.js';
import { addMember, createWorkspace, signOut, signUp, TEST_ORIGIN, type Session } from './identity.js';

const cancelQuietly = (client: Client, runId: string) => client.gql('mutation ($r: ID!) { cancelRun(id: $r) { id } }', { r: runId });
const CODE = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions?.code;

/** Counted as tried and refused only as each test observes the refusal; recorded for docs/RELIABILITY.md. */
const crossWorkspace = corpusTally(SECURITY_CORPORA.access, "one operation on workspace A's workflow, version, trigger, run, API key, event subscription or credential, by workspace B's signed-in user or admin API key, refused only if answered null, NOT_FOUND or FORBIDDEN with nothing of A's in the answer (lists: A's ids absent)");
const roles = corpusTally(SECURITY_CORPORA.roles, 'one request beyond what its credentials allow (none, a cookie from an untrusted origin, a member, an API key, a revoked key or session), refused only if answered UNAUTHENTICATED, FORBIDDEN, 401/403 or a closed socket; leaked: events pushed after a revocation');
afterAll(() => void crossWorkspace.record());
afterAll(() => void roles.record());

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
  let subscriptionId: string;

  beforeAll(async () => {
    stack = file.stack;
    workflowName = `secret-plan-${crypto.randomUUID().slice(0, 8)}`;
    workflowId = await publishWorkflow(stack, workflowName, delayGraph(30));
    runId = await startRun(stack, workflowId, { confidential: 'A-only' });
    keyId = (await stack.as(stack.owner).ok<{ apiKeys: { id: string }[] }>('{ apiKeys { id } }')).apiKeys[0]!.id;
    await stack.ok('mutation ($w: ID!) { setWorkflowTriggers(workflowId: $w, triggers: [{ id: "in", kind: "webhook" }]) { id } }', { w: workflowId });
    // An outgoing event subscription of workspace A, for a workflow that never runs (so nothing is delivered).
    const idle = (await stack.ok<{ createWorkflow: { id: string } }>('mutation { createWorkflow(input: { name: "idle" }) { id } }')).createWorkflow.id;
    subscriptionId = (await stack.ok<{ createEventSubscription: { subscription: { id: string } } }>('mutation ($w: ID!) { createEventSubscription(input: { url: "http://127.0.0.1:9/hook", workflowIds: [$w] }) { subscription { id } } }', { w: idle })).createEventSubscription.subscription.id;

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
      ['workflowVersion', 'query ($w: ID!) { workflowVersion(workflowId: $w, version: 1) { version graph } }', 'null'],
      ['workflowVersionDiff', 'query ($w: ID!) { workflowVersionDiff(workflowId: $w, from: 1, to: 1) { workflowId settingsChanged } }', 'NOT_FOUND'],
      ['setWorkflowTriggers', 'mutation ($w: ID!) { setWorkflowTriggers(workflowId: $w, triggers: []) { id } }', 'NOT_FOUND'],
      ['setTriggerPaused', 'mutation ($w: ID!) { setTriggerPaused(workflowId: $w, triggerId: "in", paused: true) { id } }', 'NOT_FOUND'],
      ['rotateWebhookSecret', 'mutation ($w: ID!) { rotateWebhookSecret(workflowId: $w, triggerId: "in") { url } }', 'NOT_FOUND'],
      ['rerunRun', 'mutation ($r: ID!) { rerunRun(input: { runId: $r, fromNodeId: "wait" }) { id } }', 'NOT_FOUND'],
      ['resolveApproval', 'mutation ($r: ID!) { resolveApproval(input: { runId: $r, nodeId: "wait", approved: true }) { id } }', 'NOT_FOUND'],
      ['deleteEventSubscription', 'mutation ($s: ID!) { deleteEventSubscription(id: $s) { id } }', 'NOT_FOUND'],
      ['eventDeliveries', 'query ($s: ID!) { eventDeliveries(subscriptionId: $s) { nodes { id } } }', 'NOT_FOUND'],
    ])('%s', async (operation, query, expected) => {
      for (const client of [stack.as(outsider), outsiderKey]) {
        const result = await client.gql<Record<string, unknown>>(query, { w: workflowId, r: runId, k: keyId, s: subscriptionId });
        const answered = expected === 'null' ? Object.values(result.data ?? { x: 'missing' })[0] === null : new RegExp(`^(${expected})$`).test(String(CODE(result)));
        crossWorkspace.count(operation, answered && !leaks(result), leaks(result) ? 1 : 0);
        if (expected === 'null') expect(Object.values(result.data ?? { x: 'missing' })[0]).toBeNull();
        else expect(CODE(result)).toMatch(new RegExp(`^(${expected})$`));
        expect(leaks(result)).toBe(false);
      }
    });

    it('lists only its own workflows, runs, keys and event subscriptions', async () => {
      const lists = await outsiderKey.ok<{ workflows: { nodes: { id: string }[] }; runs: { nodes: { id: string }[] }; ofWorkflow: { nodes: { id: string }[] }; eventSubscriptions: { id: string }[] }>(
        'query ($w: ID!) { workflows(first: 100) { nodes { id } } runs(first: 100) { nodes { id } } ofWorkflow: runs(first: 100, workflowId: $w) { nodes { id } } eventSubscriptions { id } }',
        { w: workflowId },
      );
      const keys = await stack.as(outsider).ok<{ apiKeys: { id: string }[] }>('{ apiKeys { id } }');
      crossWorkspace.count('workflows list', !lists.workflows.nodes.some((w) => w.id === workflowId));
      crossWorkspace.count('runs list', !lists.runs.nodes.some((r) => r.id === runId));
      crossWorkspace.count("runs list filtered by A's workflow", lists.ofWorkflow.nodes.length === 0);
      crossWorkspace.count('eventSubscriptions list', !lists.eventSubscriptions.some((e) => e.id === subscriptionId));
      crossWorkspace.count('apiKeys list', !keys.apiKeys.some((k) => k.id === keyId));
      expect(lists.workflows.nodes.map((w) => w.id)).not.toContain(workflowId);
      expect(lists.runs.nodes.map((r) => r.id)).not.toContain(runId);
      expect(lists.ofWorkflow.nodes).toEqual([]);
      expect(lists.eventSubscriptions.map((e) => e.id)).not.toContain(subscriptionId);
      expect(keys.apiKeys.map((k) => k.id)).not.toContain(keyId);
    });

    it("refuses a session cookie sent from a page of an untrusted origin", async () => {
      const fromElsewhere = stack.as(stack.owner);
      const result = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', cookie: stack.owner.cookie, origin: 'http://evil.example' }, body: JSON.stringify({ query: '{ me { actorId } }' }) });
      const code = CODE((await result.json()) as { errors?: { extensions?: Record<string, unknown> }[] });
      roles.count('session cookie from an untrusted origin', code === 'UNAUTHENTICATED');
      expect(code).toBe('UNAUTHENTICATED');
      const trigger = await fetch(`${stack.base}/api/workflows/${workflowId}/runs`, { method: 'POST', headers: { 'content-type': 'text/plain', cookie: stack.owner.cookie, origin: 'http://evil.example' }, body: 'x' });
      roles.count('session cookie from an untrusted origin', trigger.status === 401);
      expect(trigger.status).toBe(401);
      expect((await fromElsewhere.ok<{ me: { role: string } }>('{ me { role } }')).me.role).toBe('owner');
    });

    it("never receives another workspace's run changes, while its own arrive on the same subscriptions", { timeout: 60_000 }, async () => {
      type Push = { data?: { runChanges?: { id: string } } | null; errors?: readonly { extensions?: { code?: unknown } }[] };
      const watch = (client: Client, variables: Record<string, unknown>) => {
        const pushes: Push[] = [];
        client.ws().subscribe({ query: 'subscription ($w: ID) { runChanges(workflowId: $w) { id workflowId status } }', variables }, { next: (m) => void pushes.push(m as Push), error: (e) => void pushes.push({ errors: [e as never] }), complete: () => undefined });
        return pushes;
      };
      const idsIn = (pushes: Push[]) => pushes.map((p) => p.data?.runChanges?.id).filter(Boolean);
      const everything = watch(outsiderKey, {});
      const filteredOnA = watch(outsiderKey, { w: workflowId });
      const ownerSees = watch(stack, { w: workflowId });
      // The outsider's own run arriving proves its subscription is live before A's change.
      const own = await publishWorkflow(outsiderKey, 'own', linearGraph(1));
      const ownFirst = await startRun(outsiderKey, own, { n: 1 });
      await until("the outsider's own run on its subscription", () => idsIn(everything).includes(ownFirst));
      const aRun = await startRun(stack, workflowId, { confidential: 'A-only' });
      await until("A's run on its owner's subscription", () => idsIn(ownerSees).includes(aRun));
      const ownSecond = await startRun(outsiderKey, own, { n: 2 });
      await until("the outsider's second run, after A's", () => idsIn(everything).includes(ownSecond));
      const leaked = [...everything, ...filteredOnA].filter((p) => JSON.stringify(p).includes(aRun) || JSON.stringify(p).includes(workflowName) || JSON.stringify(p).includes(workflowId)).length;
      const filteredRefused = filteredOnA.every((p) => !p.data?.runChanges) && (filteredOnA.length === 0 || filteredOnA.every((p) => p.errors?.[0]?.extensions?.code === 'NOT_FOUND'));
      crossWorkspace.count('runChanges subscription', leaked === 0, leaked);
      crossWorkspace.count("runChanges subscription filtered by A's workflow", filteredRefused && leaked === 0, 0);
      expect(leaked).toBe(0);
      expect(filteredRefused).toBe(true);
      await cancelQuietly(stack, aRun);
    });

    it('cannot subscribe to the run, nor trigger the workflow over HTTP', async () => {
      const errors = await new Promise<unknown[]>((resolve) =>
        outsiderKey.ws().subscribe({ query: 'subscription ($r: ID!) { runEvents(runId: $r) { type } }', variables: { r: runId } }, {
          next: (m) => m.errors && resolve([...m.errors]),
          error: (e) => resolve([e]),
          complete: () => resolve([]),
        }),
      );
      crossWorkspace.count('runEvents subscription', errors.length === 1 && (errors[0] as { extensions?: { code?: unknown } }).extensions?.code === 'NOT_FOUND');
      expect(errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
      const http = await fetch(`${stack.base}/api/workflows/${workflowId}/runs`, { method: 'POST', headers: { 'content-type': 'application/json', ...outsiderKey.headers }, body: '{}' });
      const text = await http.text();
      crossWorkspace.count('HTTP trigger', http.status === 404 && !text.includes(workflowName), text.includes(workflowName) ? 1 : 0);
      expect(http.status).toBe(404);
      expect(text).not.toContain(workflowName);
    });

    it('without credentials gets UNAUTHENTICATED, and a WebSocket without them is closed', async () => {
      const anonymous = stack.as({ apiKey: 'not-a-key' });
      const code = CODE(await anonymous.gql('{ workflows { nodes { id } } }'));
      roles.count('no valid credentials', code === 'UNAUTHENTICATED');
      expect(code).toBe('UNAUTHENTICATED');
      const closed = await new Promise<unknown>((resolve) =>
        anonymous.ws().subscribe({ query: 'subscription ($r: ID!) { runEvents(runId: $r) { type } }', variables: { r: runId } }, { next: resolve, error: resolve, complete: () => resolve('completed') }),
      );
      roles.count('no valid credentials', (closed as { code?: unknown } | undefined)?.code === 4403);
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
        roles.count('a member editing, publishing or creating keys', CODE(result) === 'FORBIDDEN');
        expect(CODE(result)).toBe('FORBIDDEN');
      }
    });

    it('gives a member-role key the member rights only', async () => {
      const created = await stack.as(stack.owner).ok<{ createApiKey: { secret: string } }>('mutation { createApiKey(input: { name: "reader" }) { secret } }');
      const key = stack.as({ apiKey: created.createApiKey.secret });
      expect(await startRun(key, workflowId)).toEqual(expect.any(String));
      const code = CODE(await key.gql('mutation { createWorkflow(input: { name: "nope" }) { id } }'));
      roles.count('a member-role API key editing', code === 'FORBIDDEN');
      expect(code).toBe('FORBIDDEN');
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
      roles.count('an admin managing members', invite.status === 403);
      expect(invite.status).toBe(403);
    });

    it("keeps API keys manageable only from a signed-in session, revokes them, and ends a deleted workspace's keys", async () => {
      const viaKey = await stack.gql('mutation { createApiKey(input: { name: "from a key" }) { secret } }');
      const listViaKey = await stack.gql('{ apiKeys { id } }');
      roles.count('an API key managing API keys', CODE(viaKey) === 'FORBIDDEN');
      roles.count('an API key managing API keys', CODE(listViaKey) === 'FORBIDDEN');
      expect(CODE(viaKey)).toBe('FORBIDDEN');
      expect(CODE(listViaKey)).toBe('FORBIDDEN');
      const doomed = await signUp(stack.base, `doomed-${crypto.randomUUID()}@example.com`);
      const doomedWorkspace = await createWorkspace(stack.base, doomed, 'Doomed');
      const doomedKey = (await stack.as(doomed).ok<{ createApiKey: { secret: string } }>('mutation { createApiKey(input: { name: "d" }) { secret } }')).createApiKey.secret;
      await fetch(`${stack.base}/api/auth/organization/delete`, { method: 'POST', headers: { 'content-type': 'application/json', origin: TEST_ORIGIN, cookie: doomed.cookie }, body: JSON.stringify({ organizationId: doomedWorkspace }) });
      const owner = stack.as(stack.owner);
      const created = await owner.ok<{ createApiKey: { apiKey: { id: string }; secret: string } }>('mutation { createApiKey(input: { name: "short-lived" }) { apiKey { id } secret } }');
      await owner.ok('mutation ($k: ID!) { revokeApiKey(id: $k) { id } }', { k: created.createApiKey.apiKey.id });
      await new Promise((resolve) => setTimeout(resolve, 5100)); // verified keys are trusted for up to 5 s
      const revoked = CODE(await stack.as({ apiKey: created.createApiKey.secret }).gql('{ me { actorId } }'));
      const ofDeletedWorkspace = CODE(await stack.as({ apiKey: doomedKey }).gql('{ me { actorId } }'));
      roles.count('a revoked API key, or one of a deleted workspace', revoked === 'UNAUTHENTICATED');
      roles.count('a revoked API key, or one of a deleted workspace', ofDeletedWorkspace === 'UNAUTHENTICATED');
      expect(revoked).toBe('UNAUTHENTICATED');
      expect(ofDeletedWorkspace).toBe('UNAUTHENTICATED');
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
    const pushedAfter = received.filter((e) => e.at > revokedAt).length;
    roles.count('a subscription whose session is revoked mid-run', revokedAt > 0 && pushedAfter === 0 && !received.some((e) => e.type === 'node.completed:b'), pushedAfter);
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
    const afterSignOut = await ask();
    roles.count('an open socket whose session signed out', (afterSignOut as { extensions?: { code?: unknown } } | null)?.extensions?.code === 'UNAUTHENTICATED');
    expect(afterSignOut).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
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
