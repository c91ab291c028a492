import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateGraph } from '@weft/domain';
import { recordCorpus, SECURITY_CORPORA } from '@weft/testing';
import { stackPerFile } from './stack-per-file.js';

const CREATE = /* GraphQL */ `mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }`;
const PUBLISH = /* GraphQL */ `mutation ($id: ID!) { publishWorkflow(id: $id) { version } }`;
const GRAPHS = 1000;

/** Graph-shaped values, mostly wrong: unknown types, dangling and duplicate ids, cycles, bad handles, bad configs, and arbitrary JSON. */
const graphs = fc.oneof(
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 4,
    arbitrary: fc.record({
      nodes: fc.array(
        fc.record({
          id: fc.oneof(fc.constantFrom('a', 'b', 'c', 'd', '', 'a b'), fc.integer()),
          type: fc.constantFrom('set', 'if', 'http', 'code', 'merge', 'wait', 'teleport', ''),
          config: fc.oneof(fc.object({ maxDepth: 2 }), fc.constant({ url: 'file:///etc/passwd' }), fc.constant({ code: 'return {' }), fc.constant({ values: { x: '{{ $eval("1") }}' } })),
        }),
        { maxLength: 6 },
      ),
      edges: fc.array(
        fc.record({ id: fc.string({ maxLength: 4 }), source: fc.constantFrom('a', 'b', 'x'), target: fc.constantFrom('a', 'c', 'd'), sourceHandle: fc.option(fc.constantFrom('true', 'false', 'out', 'error', 'nowhere')) }),
        { maxLength: 6 },
      ),
    }),
  },
);

describe(`${GRAPHS} random malformed graphs through the API`, () => {
  const file = stackPerFile();

  it('are each refused with BAD_USER_INPUT naming what is wrong, or accepted only as the validator allows; nothing else is appended, nothing throws', { timeout: 180_000 }, async () => {
    const { stack } = file;
    const eventsBefore = Number((await stack.platform.pool.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]!.n);
    const samples = fc.sample(graphs, { numRuns: GRAPHS, seed: 20261126 });
    const tally = { refusedAtCreate: 0, refusedAtPublish: 0, published: 0, created: 0, malformed: 0 };
    const unexpected: unknown[] = [];
    for (let start = 0; start < samples.length; start += 20) {
      await Promise.all(
        samples.slice(start, start + 20).map(async (graph, offset) => {
          // A null graph is an omitted one: an empty draft.
          const effective = graph ?? { nodes: [], edges: [] };
          const draftOk = validateGraph(effective, stack.platform.catalog, 'draft').ok;
          // Malformed: the validator refuses it as a draft or for publishing; the rest are the control.
          if (!draftOk || !validateGraph(effective, stack.platform.catalog, 'publish').ok) tally.malformed += 1;
          const created = await stack.gql<{ createWorkflow: { id: string } }>(CREATE, { input: { name: `fuzz ${start + offset}`, graph } });
          if (!draftOk || created.errors) {
            const error = created.errors?.[0];
            if (draftOk || error?.extensions?.code !== 'BAD_USER_INPUT' || !error.message) unexpected.push({ graph, draftOk, answer: created });
            else tally.refusedAtCreate += 1;
            return;
          }
          tally.created += 1;
          const publishOk = validateGraph(effective, stack.platform.catalog, 'publish').ok;
          const published = await stack.gql(PUBLISH, { id: created.data!.createWorkflow.id });
          if (publishOk && !published.errors) tally.published += 1;
          else if (!publishOk && published.errors?.[0]?.extensions?.code === 'BAD_USER_INPUT') tally.refusedAtPublish += 1;
          else unexpected.push({ graph, publishOk, answer: published });
        }),
      );
    }
    expect(unexpected.slice(0, 3)).toEqual([]);
    expect(tally.refusedAtCreate + tally.created).toBe(GRAPHS);
    // Most of them are wrong somewhere: the corpus does exercise the refusals.
    expect(tally.refusedAtCreate + tally.refusedAtPublish).toBeGreaterThan(GRAPHS * 0.8);
    // One workflow.created per created draft and one version published per accepted publish: nothing for a refusal.
    const eventsAfter = Number((await stack.platform.pool.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]!.n);
    recordCorpus({
      corpus: SECURITY_CORPORA.graphs,
      attack: `random graph-shaped values (seed 20261126) the validator refuses, of ${GRAPHS} generated`,
      tried: tally.malformed,
      refused: tally.refusedAtCreate + tally.refusedAtPublish,
      leaked: Math.max(0, eventsAfter - eventsBefore - (tally.created + tally.published)),
      detail: 'one malformed graph sent to createWorkflow, then publishWorkflow if saved as a draft, refused only if answered BAD_USER_INPUT with a message where the validator refuses it; appended: events beyond one per draft saved and one per valid version published',
    });
    expect(eventsAfter - eventsBefore).toBe(tally.created + tally.published);
  });
});
