import { describe, expect, it } from 'vitest';
import type { NodeServices } from '@weft/nodes';
import { createWorkspaceServices } from './workspace-services.js';

/** Fetches that answer with the allow-list they were built with, and record being closed. */
function harness(lists: Record<string, { entries: string[]; version: number }>) {
  const built: { entries: readonly string[]; closed: boolean }[] = [];
  let loads = 0;
  const base = { fetch: () => Promise.resolve(new Response('base')), guardHost: () => Promise.resolve('base'), now: () => new Date(), publishedVersion: () => Promise.resolve(undefined) } as unknown as NodeServices;
  const servicesFor = createWorkspaceServices({
    base,
    allow: ['203.0.113.7'],
    loadAllowList: (workspaceId) => ((loads += 1), Promise.resolve(lists[workspaceId] ?? { entries: [], version: 0 })),
    workspaceAllow: (entries) => ({ entries, openable: () => true }),
    createFetch: ({ allow, workspaceAllow }) => {
      const record = { entries: workspaceAllow.entries, closed: false };
      built.push(record);
      const fetch = () => Promise.resolve(new Response([...allow, ...workspaceAllow.entries].join(',')));
      return Object.assign(fetch, { close: () => ((record.closed = true), Promise.resolve()) });
    },
    createHostGuard: ({ workspaceAllow }) => () => Promise.resolve(workspaceAllow.entries.join(',')),
    maxCached: 2,
  });
  return { servicesFor, built, loads: () => loads };
}
const body = async (services: NodeServices) => (await services.fetch('http://x/')).text();

describe('workspace services', () => {
  it("use the operator's services for a workspace without a list, and the list (with the operator's) otherwise", async () => {
    const { servicesFor } = harness({ w1: { entries: ['10.0.0.0/8'], version: 1 } });
    expect(await body(servicesFor('w0'))).toBe('base');
    expect(await body(servicesFor('w1'))).toBe('203.0.113.7,10.0.0.0/8');
    expect(await servicesFor('w1').guardHost!('db', 5432)).toBe('10.0.0.0/8');
  });

  it('read the list once per attempt, reuse the guards while its version holds, and rebuild (closing the old) when it changes', async () => {
    const lists = { w1: { entries: ['10.0.0.0/8'], version: 1 } };
    const { servicesFor, built, loads } = harness(lists);
    const attempt = servicesFor('w1');
    await body(attempt);
    await body(attempt);
    expect(loads()).toBe(1);
    await body(servicesFor('w1'));
    expect(built).toHaveLength(1);
    lists.w1 = { entries: ['192.168.0.0/16'], version: 2 };
    expect(await body(servicesFor('w1'))).toBe('203.0.113.7,192.168.0.0/16');
    expect(built.map((b) => b.closed)).toEqual([true, false]);
  });

  it('keep at most maxCached workspaces, closing the oldest', async () => {
    const { servicesFor, built } = harness({ a: { entries: ['10.0.0.1'], version: 1 }, b: { entries: ['10.0.0.2'], version: 1 }, c: { entries: ['10.0.0.3'], version: 1 } });
    for (const workspace of ['a', 'b', 'c']) await body(servicesFor(workspace));
    expect(built.map((b) => [b.entries[0], b.closed])).toEqual([['10.0.0.1', true], ['10.0.0.2', false], ['10.0.0.3', false]]);
  });
});
