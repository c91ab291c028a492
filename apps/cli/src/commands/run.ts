import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ApiTarget } from '../args/command-line.js';
import type { GraphqlCall } from '../api/graphql-client.js';
import { watchRun } from '../api/watch-run.js';
import { fetchVersionGraph, startRun } from '../api/workflows.api.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { createRunDisplay } from '../progress/run-display.js';
import { FINISHED, initialProgress, type RunProgress } from '../progress/run-progress.js';
import type { DefinitionChecks } from '../workflow-file/check-definition.js';
import { formatOfPath, parseFileText } from '../workflow-file/file-text.js';
import { importWorkflows } from './import.js';

export type RunRequest = { target: string; input: { json: string } | { file: string } | undefined };

type GraphNode = { id: string; name?: string };

const isFile = async (target: string): Promise<boolean> => (await stat(target).catch(() => undefined))?.isFile() ?? false;

/**
 * `weft run`: imports and publishes a file first (or takes a workflow id), starts a run of
 * the latest published version, shows its events live and ends with its outcome.
 * @returns the run as it ended: succeeded, failed or cancelled.
 */
export async function runWorkflow(call: GraphqlCall, api: ApiTarget, request: RunRequest, loadChecks: () => Promise<DefinitionChecks>, io: Io): Promise<RunProgress> {
  const input = await readInput(request.input, io.cwd);
  let workflowId: string;
  let nodes: GraphNode[] | undefined;
  const file = path.resolve(io.cwd, request.target);
  if (await isFile(file)) {
    const [imported] = await importWorkflows(call, [request.target], { publish: true, setTriggers: false }, await loadChecks(), io);
    workflowId = imported!.workflowId;
    nodes = imported!.graph.nodes;
  } else {
    if (formatOfPath(request.target) || request.target.includes('/')) throw new UsageError(`${request.target}: no such file`);
    workflowId = request.target;
  }
  const run = await startRun(call, workflowId, input);
  io.out(`started run ${run.id} of workflow ${workflowId}, version ${run.workflowVersion}\n`);
  const display = createRunDisplay(io, initialProgress(run.id, nodes));
  if (!nodes && io.isTTY) void listNodes(call, workflowId, run.workflowVersion).then((listed) => listed && display.nodes(listed));
  const watching = watchRun(api, run.id, (event) => display.event(event));
  const detach = () => {
    display.stop();
    io.err(`\nstopped watching; run ${run.id} goes on (cancel it with the cancelRun mutation)\n`);
    process.exit(130);
  };
  process.once('SIGINT', detach);
  try {
    await watching.done;
  } catch (error) {
    display.stop();
    throw error;
  } finally {
    process.off('SIGINT', detach);
    await watching.close();
  }
  const ended = display.finish();
  if (!FINISHED.includes(ended.status)) throw new Error(`the event stream of run ${run.id} ended before the run did`);
  return ended;
}

/** `--input` JSON, or `--input-file` (JSON, or YAML by its extension); `{}` without either. */
async function readInput(input: RunRequest['input'], cwd: string): Promise<unknown> {
  if (!input) return {};
  if ('json' in input) return JSON.parse(input.json) as unknown;
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, input.file), 'utf8');
  } catch (error) {
    throw new UsageError(`--input-file ${input.file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  try {
    return parseFileText(text, formatOfPath(input.file) === 'yaml' ? 'yaml' : 'json');
  } catch (error) {
    throw new UsageError(`--input-file ${input.file}: ${(error as Error).message}`);
  }
}

/** The version's nodes, for the display; the read model may lag a just-published version by a moment. */
async function listNodes(call: GraphqlCall, workflowId: string, version: number): Promise<GraphNode[] | undefined> {
  for (let tries = 0; tries < 20; tries++) {
    const graph = await fetchVersionGraph(call, workflowId, version).catch(() => null);
    if (graph && Array.isArray(graph.nodes)) return graph.nodes.filter((n): n is GraphNode => typeof (n as GraphNode | null)?.id === 'string');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}
