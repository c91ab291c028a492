import type { NodeTypeCatalog, WorkflowGraph } from '../graph/graph.js';
import { validateGraph, type ValidationMode } from '../graph/validate-graph.js';
import { canonicalJson } from '../shared/canonical-json.js';
import type { Decider } from '../shared/command.js';
import { ConflictError, InvalidGraphError, InvalidInputError, NotFoundError } from '../shared/errors.js';
import type { WorkflowCommand } from './workflow.commands.js';
import type { WorkflowEvent } from './workflow.events.js';
import { evolveWorkflow, initialWorkflowState, type WorkflowState } from './workflow.state.js';
import { parseTriggers, type TriggerChecks } from './triggers.js';

type Existing = Extract<WorkflowState, { exists: true }>;

const MAX_NAME = 200;
const MAX_DESCRIPTION = 5000;

/** The workflow definition's decider; `catalog` tells which node types exist and how to check their config. */
/** Without a cron library (tests of other commands), every schedule is refused. */
const NO_CRON: TriggerChecks = { cron: () => 'schedules are not available in this process' };

export function createWorkflowDecider(catalog: NodeTypeCatalog, triggerChecks: TriggerChecks = NO_CRON): Decider<WorkflowState, WorkflowCommand, WorkflowEvent> {
  const graphOf = (raw: unknown, mode: ValidationMode): WorkflowGraph => {
    const result = validateGraph(raw, catalog, mode);
    if (!result.ok) throw new InvalidGraphError(result.issues);
    return result.graph;
  };

  const existing = (state: WorkflowState, workflowId: string): Existing => {
    if (!state.exists) throw new NotFoundError('workflow', workflowId);
    return state;
  };
  const editable = (state: WorkflowState, workflowId: string): Existing => {
    const current = existing(state, workflowId);
    if (current.archived) throw new ConflictError(`workflow "${workflowId}" is archived`);
    return current;
  };

  return {
    initialState: initialWorkflowState,
    evolve: evolveWorkflow,
    decide(command, state) {
      const now = command.metadata.now;
      switch (command.type) {
        case 'CreateWorkflow': {
          const { workflowId } = command.data;
          if (state.exists) throw new ConflictError(`workflow "${workflowId}" already exists`);
          return [
            {
              type: 'workflow.created',
              data: {
                workflowId,
                name: checkName(command.data.name),
                description: checkDescription(command.data.description ?? ''),
                graph: command.data.graph === undefined ? { nodes: [], edges: [] } : graphOf(command.data.graph, 'draft'),
                createdAt: now,
              },
            },
          ];
        }
        case 'UpdateWorkflowDraft': {
          const { workflowId, expectedRevision } = command.data;
          const current = editable(state, workflowId);
          if (expectedRevision !== undefined && expectedRevision !== current.revision) {
            throw new ConflictError(`workflow "${workflowId}" is at revision ${current.revision}, not ${expectedRevision}: reload and reapply your change`);
          }
          const { name, description, graph } = command.data;
          if (name === undefined && description === undefined && graph === undefined) throw new InvalidInputError('input', 'nothing to update: give a name, a description or a graph');
          return [
            {
              type: 'workflow.draft_updated',
              data: {
                workflowId,
                revision: current.revision + 1,
                ...(name === undefined ? {} : { name: checkName(name) }),
                ...(description === undefined ? {} : { description: checkDescription(description) }),
                ...(graph === undefined ? {} : { graph: graphOf(graph, 'draft') }),
                updatedAt: now,
              },
            },
          ];
        }
        case 'PublishWorkflow': {
          const { workflowId } = command.data;
          const current = editable(state, workflowId);
          const latest = current.versions.at(-1);
          // Publishing an unchanged graph (say, after a rename) makes no new version.
          if (latest && canonicalJson(latest.graph) === canonicalJson(current.draft)) return [];
          const graph = graphOf(current.draft, 'publish');
          return [{ type: 'workflow.version_published', data: { workflowId, version: current.versions.length + 1, revision: current.revision, graph, publishedAt: now } }];
        }
        case 'ArchiveWorkflow': {
          const current = existing(state, command.data.workflowId);
          return current.archived ? [] : [{ type: 'workflow.archived', data: { workflowId: command.data.workflowId, archivedAt: now } }];
        }
        case 'SetTriggers': {
          const { workflowId } = command.data;
          const current = editable(state, workflowId);
          const triggers = parseTriggers(command.data.triggers, now, triggerChecks, current.triggers);
          if (triggers.length && !current.versions.length) throw new ConflictError(`workflow "${workflowId}" has no published version for its triggers to start: publish it first`);
          if (canonicalJson(triggers) === canonicalJson(current.triggers)) return [];
          return [{ type: 'workflow.triggers_changed', data: { workflowId, triggers, changedAt: now } }];
        }
        default: {
          const _exhaustive: never = command;
          return _exhaustive;
        }
      }
    },
  };
}

function checkName(name: string): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (!trimmed) throw new InvalidInputError('name', 'must not be empty');
  if (trimmed.length > MAX_NAME) throw new InvalidInputError('name', `at most ${MAX_NAME} characters`);
  return trimmed;
}

function checkDescription(description: string): string {
  if (typeof description !== 'string') throw new InvalidInputError('description', 'must be a string');
  if (description.length > MAX_DESCRIPTION) throw new InvalidInputError('description', `at most ${MAX_DESCRIPTION} characters`);
  return description;
}
