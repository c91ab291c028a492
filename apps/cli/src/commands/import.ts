import { canonicalJson, describeIssue, type GraphIssue, type Trigger, type WorkflowGraph } from '@weft/domain';
import type { GraphqlCall } from '../api/graphql-client.js';
import { createWorkflow, fetchWorkflow, publishWorkflow, setWorkflowTriggers, updateWorkflowDraft, type ApiWorkflow } from '../api/workflows.api.js';
import { ApiError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { checkDefinition, type DefinitionChecks } from '../workflow-file/check-definition.js';
import { readWorkflowFile } from '../workflow-file/read-workflow-file.js';
import type { WorkflowDefinition } from '../workflow-file/workflow-file.js';

export type ImportOptions = {
  publish: boolean;
  /** Set the file's triggers after publishing (`import --publish`; `run` leaves them). */
  setTriggers: boolean;
};

/** A file checked and ready to apply: its definition, normalized graph and the workflow its id names (when it exists). */
type Plan = { file: string; definition: WorkflowDefinition; graph: WorkflowGraph; existing: ApiWorkflow | null };

export type ImportedWorkflow = { file: string; workflowId: string; graph: WorkflowGraph; version?: number };

/**
 * `weft import`: reads and checks every file, and looks up the workflows their ids name,
 * before changing anything; then creates each workflow (or replaces its draft), publishes
 * it and sets its triggers as asked.
 * @throws UsageError listing every problem of every file (nothing changed); ApiError when the API refuses a change.
 */
export async function importWorkflows(call: GraphqlCall, files: string[], options: ImportOptions, checks: DefinitionChecks, io: Io): Promise<ImportedWorkflow[]> {
  const plans = await planImports(call, files, options, checks);
  const imported: ImportedWorkflow[] = [];
  for (const plan of plans) imported.push(await applyImport(call, plan, options, io));
  return imported;
}

async function planImports(call: GraphqlCall, files: string[], options: ImportOptions, checks: DefinitionChecks): Promise<Plan[]> {
  const problems: string[] = [];
  const plans: Plan[] = [];
  const now = new Date().toISOString();
  for (const file of files) {
    let definition: WorkflowDefinition;
    try {
      definition = await readWorkflowFile(file);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      problems.push(...error.lines);
      continue;
    }
    const existing = definition.id ? await fetchWorkflow(call, definition.id) : null;
    if (existing?.archived) {
      problems.push(`${file}: workflow ${existing.id} is archived and cannot change (leave out its id to import it as a new workflow)`);
      continue;
    }
    const checked = checkDefinition(definition, checks, { publish: options.publish, now, currentTriggers: existing ? (existing.triggers as Trigger[]) : [] });
    if (checked.problems.length || !checked.graph) {
      problems.push(...checked.problems.map((problem) => `${file}: ${problem}`));
      continue;
    }
    plans.push({ file, definition, graph: checked.graph, existing });
  }
  if (problems.length) throw new UsageError(...problems);
  return plans;
}

const sameDraft = (existing: ApiWorkflow, plan: Plan): boolean =>
  existing.name === plan.definition.name && (plan.definition.description === undefined || existing.description === plan.definition.description) && canonicalJson(existing.draft) === canonicalJson(plan.graph);

async function applyImport(call: GraphqlCall, plan: Plan, options: ImportOptions, io: Io): Promise<ImportedWorkflow> {
  const { file, definition, existing } = plan;
  const say = (line: string) => io.out(`${file}: ${line}\n`);
  let workflowId: string;
  try {
    if (existing) {
      workflowId = existing.id;
      if (sameDraft(existing, plan)) {
        say(`workflow ${workflowId} "${definition.name}" unchanged`);
      } else {
        const saved = await updateWorkflowDraft(call, { id: workflowId, name: definition.name, ...(definition.description === undefined ? {} : { description: definition.description }), graph: definition.graph });
        say(`updated the draft of workflow ${workflowId} "${definition.name}" (revision ${saved.draftRevision})`);
      }
    } else {
      const saved = await createWorkflow(call, { name: definition.name, description: definition.description ?? '', graph: definition.graph });
      workflowId = saved.id;
      say(`${definition.id ? `no workflow ${definition.id} in the key's workspace: ` : ''}created workflow ${workflowId} "${definition.name}" (put "id: ${workflowId}" in the file to update it next time)`);
    }
  } catch (error) {
    throw withFile(file, error);
  }
  const imported: ImportedWorkflow = { file, workflowId, graph: plan.graph };
  if (!options.publish) {
    if (definition.triggers?.length && options.setTriggers) say('triggers not set: they start published versions (import with --publish)');
    return imported;
  }
  try {
    const version = await publishWorkflow(call, workflowId);
    imported.version = version;
    say(version === existing?.latestVersion ? `published version ${version} (unchanged)` : `published version ${version}`);
    const current = Array.isArray(existing?.triggers) ? existing.triggers : [];
    // An empty list where there are none already is no change: say nothing.
    if (options.setTriggers && definition.triggers && (definition.triggers.length || current.length)) {
      const issued = await setWorkflowTriggers(call, workflowId, definition.triggers);
      say(definition.triggers.length ? `triggers set: ${definition.triggers.map((t) => (t as { id?: unknown }).id).join(', ')}` : 'triggers cleared');
      for (const hook of issued) {
        say(`webhook ${hook.triggerId}: ${hook.url ?? '(URL unchanged)'}${hook.signingSecret ? ` (signing secret ${hook.signingSecret})` : ''} (shown once)`);
      }
    }
  } catch (error) {
    throw withFile(file, error);
  }
  return imported;
}

/** An API refusal of one file's change, with the file's name in front and its graph problems one per line. */
function withFile(file: string, error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const issues = error.issues;
  if (!issues.length) return new ApiError(`${file}: ${error.message}`, error.code, error.extensions);
  return new UsageError(...issues.map((issue) => `${file}: ${describeIssue(issue as GraphIssue)}`));
}
