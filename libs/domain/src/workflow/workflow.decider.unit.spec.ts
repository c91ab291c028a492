import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidGraphError, InvalidInputError, NotFoundError } from '../shared/errors.js';
import { deciderSpec, meta, testCatalog } from '../testing/decider-spec.js';
import { createWorkflowDecider } from './workflow.decider.js';
import type { WorkflowEvent } from './workflow.events.js';

const decider = createWorkflowDecider(testCatalog);
const spec = deciderSpec(decider);
const now = '2026-01-01T00:00:00.000Z';
const graph = { nodes: [{ id: 'a', type: 'set', config: {} }], edges: [] };
const created: WorkflowEvent = { type: 'workflow.created', data: { workflowId: 'w1', name: 'Daily report', description: '', graph, createdAt: now } };

describe('workflow decider', () => {
  it('given nothing, when created, then workflow.created with the validated draft', () => {
    const events = spec.given([]).when({ type: 'CreateWorkflow', data: { workflowId: 'w1', name: '  Daily report ', graph }, metadata: meta() }).run();
    expect(events).toEqual([created]);
  });

  it('given nothing, when created with a malformed graph, then it is refused naming the node', () => {
    const when = spec.given([]).when({ type: 'CreateWorkflow', data: { workflowId: 'w1', name: 'x', graph: { nodes: [{ id: 'a', type: 'nope' }], edges: [] } }, metadata: meta() });
    expect(when.run).toThrow(InvalidGraphError);
    expect(when.run).toThrow(/node "a".*unknown node type "nope"/);
  });

  it('given a workflow, when created again, then conflict', () => {
    expect(spec.given([created]).when({ type: 'CreateWorkflow', data: { workflowId: 'w1', name: 'x' }, metadata: meta() }).run).toThrow(ConflictError);
  });

  it('refuses an empty name', () => {
    expect(spec.given([]).when({ type: 'CreateWorkflow', data: { workflowId: 'w1', name: '   ' }, metadata: meta() }).run).toThrow(InvalidInputError);
  });

  it('given a workflow, when the draft is updated, then the revision goes up', () => {
    const events = spec.given([created]).when({ type: 'UpdateWorkflowDraft', data: { workflowId: 'w1', graph, expectedRevision: 1 }, metadata: meta() }).run();
    expect(events).toEqual([{ type: 'workflow.draft_updated', data: { workflowId: 'w1', revision: 2, graph, updatedAt: now } }]);
  });

  it('given a workflow at revision 2, when updated expecting revision 1, then conflict', () => {
    const updated: WorkflowEvent = { type: 'workflow.draft_updated', data: { workflowId: 'w1', revision: 2, name: 'n', updatedAt: now } };
    const when = spec.given([created, updated]).when({ type: 'UpdateWorkflowDraft', data: { workflowId: 'w1', name: 'm', expectedRevision: 1 }, metadata: meta() });
    expect(when.run).toThrow(/revision 2, not 1/);
  });

  it('given nothing, when updated, then not found', () => {
    expect(spec.given([]).when({ type: 'UpdateWorkflowDraft', data: { workflowId: 'w9', name: 'x' }, metadata: meta() }).run).toThrow(NotFoundError);
  });

  it('given a valid draft, when published twice, then one version', () => {
    const first = spec.given([created]).when({ type: 'PublishWorkflow', data: { workflowId: 'w1' }, metadata: meta() }).run();
    expect(first).toEqual([{ type: 'workflow.version_published', data: { workflowId: 'w1', version: 1, revision: 1, graph, publishedAt: now } }]);
    expect(spec.given([created, ...first]).when({ type: 'PublishWorkflow', data: { workflowId: 'w1' }, metadata: meta() }).run()).toEqual([]);
  });

  it('given only a rename since version 1, when published, then no new version', () => {
    const v1: WorkflowEvent = { type: 'workflow.version_published', data: { workflowId: 'w1', version: 1, revision: 1, graph, publishedAt: now } };
    const renamed: WorkflowEvent = { type: 'workflow.draft_updated', data: { workflowId: 'w1', revision: 2, name: 'Weekly report', updatedAt: now } };
    expect(spec.given([created, v1, renamed]).when({ type: 'PublishWorkflow', data: { workflowId: 'w1' }, metadata: meta() }).run()).toEqual([]);
  });

  it('given a draft changed after version 1, when published, then version 2', () => {
    const v1: WorkflowEvent = { type: 'workflow.version_published', data: { workflowId: 'w1', version: 1, revision: 1, graph, publishedAt: now } };
    const changed = { ...graph, nodes: [...graph.nodes, { id: 'b', type: 'set', config: {} }] };
    const updated: WorkflowEvent = { type: 'workflow.draft_updated', data: { workflowId: 'w1', revision: 2, graph: changed, updatedAt: now } };
    const events = spec.given([created, v1, updated]).when({ type: 'PublishWorkflow', data: { workflowId: 'w1' }, metadata: meta() }).run();
    expect(events).toEqual([expect.objectContaining({ data: expect.objectContaining({ version: 2, revision: 2 }) })]);
  });

  it('given a draft with a cycle, when published, then refused with the cycle', () => {
    const cyclic: WorkflowEvent = {
      type: 'workflow.draft_updated',
      data: {
        workflowId: 'w1',
        revision: 2,
        graph: { nodes: [{ id: 'a', type: 'set', config: {} }, { id: 'b', type: 'set', config: {} }], edges: [{ id: 'x', source: 'a', target: 'b' }, { id: 'y', source: 'b', target: 'a' }] },
        updatedAt: now,
      },
    };
    expect(spec.given([created, cyclic]).when({ type: 'PublishWorkflow', data: { workflowId: 'w1' }, metadata: meta() }).run).toThrow(/cycle a → b → a/);
  });

  it('given an archived workflow, then edits and publishing are refused and archiving again does nothing', () => {
    const archived: WorkflowEvent = { type: 'workflow.archived', data: { workflowId: 'w1', archivedAt: now } };
    const given = spec.given([created, archived]);
    expect(given.when({ type: 'UpdateWorkflowDraft', data: { workflowId: 'w1', name: 'x' }, metadata: meta() }).run).toThrow(/archived/);
    expect(given.when({ type: 'PublishWorkflow', data: { workflowId: 'w1' }, metadata: meta() }).run).toThrow(ConflictError);
    expect(given.when({ type: 'ArchiveWorkflow', data: { workflowId: 'w1' }, metadata: meta() }).run()).toEqual([]);
  });
});
