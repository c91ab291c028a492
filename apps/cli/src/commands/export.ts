import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileFormat } from '../args/command-line.js';
import type { GraphqlCall } from '../api/graphql-client.js';
import { fetchAllWorkflows, fetchWorkflow, type ApiWorkflow } from '../api/workflows.api.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { fileNamesFor, formatFileText } from '../workflow-file/file-text.js';
import { fileFromWorkflow } from '../workflow-file/workflow-file.js';

export type ExportRequest = { ids: string[]; all: boolean; format: FileFormat; out: string };

/**
 * `weft export`: one file per workflow in `out`, named by the slug of its name. Every id
 * is looked up before any file is written.
 * @throws UsageError naming an id that is no workflow of the workspace.
 */
export async function exportWorkflows(call: GraphqlCall, request: ExportRequest, io: Io): Promise<void> {
  let workflows: ApiWorkflow[];
  if (request.all) {
    workflows = await fetchAllWorkflows(call);
  } else {
    const found = await Promise.all(request.ids.map(async (id) => ({ id, workflow: await fetchWorkflow(call, id) })));
    const missing = found.filter((f) => !f.workflow).map((f) => f.id);
    if (missing.length) throw new UsageError(`no workflow ${missing.map((id) => `"${id}"`).join(', ')} in the key's workspace`);
    workflows = found.map((f) => f.workflow!);
  }
  const folder = path.resolve(io.cwd, request.out);
  await mkdir(folder, { recursive: true });
  const names = fileNamesFor(workflows, request.format);
  for (const workflow of workflows) {
    const file = path.join(folder, names.get(workflow.id)!);
    await writeFile(file, formatFileText(fileFromWorkflow(workflow), request.format));
    io.out(`wrote ${path.join(request.out, path.basename(file))} (workflow ${workflow.id}${workflow.archived ? ', archived' : ''})\n`);
  }
  if (!workflows.length) io.out('no workflows to export\n');
}
