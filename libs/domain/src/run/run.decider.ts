import type { NodeTypeCatalog } from '../graph/graph.js';
import { DEFAULT_HANDLE } from '../graph/graph.js';
import type { Decider } from '../shared/command.js';
import { ConflictError, InvalidInputError, NotFoundError, StaleAttemptError } from '../shared/errors.js';
import type { RunCommand } from './run.commands.js';
import { timerIdOf, type RunEvent } from './run.events.js';
import { advanceRun } from './run-progress.js';
import { evolveRun, initialRunState, type ActiveRunState, type NodeState, type NodeStatus, type RunState } from './run.state.js';

type NodeReport = { runId: string; nodeId: string; attempt: number };

/**
 * The run decider owns execution: which nodes run next, which branches are
 * dead, when the run ends. Any process holding the event store can advance a
 * run with it. Reports about an attempt that is not current are refused with
 * StaleAttemptError; a report repeated for an attempt already settled decides nothing.
 */
export function createRunDecider(catalog: NodeTypeCatalog): Decider<RunState, RunCommand, RunEvent> {
  /** Appends the events' consequences (next nodes, skips, finish) computed on the evolved state. */
  const withProgress = (state: ActiveRunState, events: RunEvent[], now: string): RunEvent[] => {
    const after = events.reduce<RunState>(evolveRun, state) as ActiveRunState;
    return [...events, ...advanceRun(after, catalog, now)];
  };

  const active = (state: RunState, runId: string): ActiveRunState => {
    if (state.status === 'none') throw new NotFoundError('run', runId);
    return state;
  };

  /**
   * The node the report is about, when the report is current. Returns
   * undefined for a repeat of a report already applied (nothing to do).
   */
  const reportedNode = (state: RunState, report: NodeReport, accepts: readonly NodeStatus[], settled: readonly NodeStatus[]): NodeState | undefined => {
    const run = active(state, report.runId);
    const node = run.nodes[report.nodeId];
    if (!node) throw new NotFoundError('node', report.nodeId);
    if (node.attempt === report.attempt && settled.includes(node.status)) return undefined;
    if (run.status !== 'running') throw new StaleAttemptError(`run "${report.runId}" is ${run.status}: report for node "${report.nodeId}" attempt ${report.attempt} refused`);
    if (node.attempt !== report.attempt || !accepts.includes(node.status)) {
      throw new StaleAttemptError(`node "${report.nodeId}" is at attempt ${node.attempt} (${node.status}): report for attempt ${report.attempt} refused`);
    }
    return node;
  };

  return {
    initialState: initialRunState,
    evolve: evolveRun,
    decide(command, state) {
      const now = command.metadata.now;
      switch (command.type) {
        case 'StartRun': {
          if (state.status !== 'none') throw new ConflictError(`run "${command.data.runId}" already exists`);
          const started: RunEvent = { type: 'workflow.started', data: { ...command.data, startedAt: now } };
          const initial = evolveRun(state, started) as ActiveRunState;
          return [started, ...advanceRun(initial, catalog, now)];
        }
        case 'StartNode': {
          const node = reportedNode(state, command.data, ['scheduled'], ['running', 'waiting', 'completed', 'failed']);
          if (!node) return [];
          const { nodeId, attempt, input, workerId } = command.data;
          return [{ type: 'node.started', data: { nodeId, attempt, input, workerId, startedAt: now } }];
        }
        case 'CompleteNode': {
          const node = reportedNode(state, command.data, ['scheduled', 'running'], ['completed', 'failed', 'waiting']);
          if (!node) return [];
          const run = state as ActiveRunState;
          const { nodeId, attempt, output, branch, started } = command.data;
          checkBranch(run, nodeId, branch);
          const startedData = started && node.status === 'scheduled' ? { startedAt: started.at, input: started.input, workerId: started.workerId } : {};
          return withProgress(run, [{ type: 'node.completed', data: { nodeId, attempt, output, ...(branch === undefined ? {} : { branch }), completedAt: now, ...startedData } }], now);
        }
        case 'FailNode': {
          const node = reportedNode(state, command.data, ['scheduled', 'running'], ['completed', 'failed', 'waiting']);
          if (!node) return [];
          const { nodeId, attempt, error } = command.data;
          return [
            { type: 'node.failed', data: { nodeId, attempt, error, failedAt: now } },
            { type: 'workflow.finished', data: { status: 'failed', error: { code: error.code, message: `node "${nodeId}" failed: ${error.message}`, nodeId }, finishedAt: now } },
          ];
        }
        case 'WaitNode': {
          const node = reportedNode(state, command.data, ['scheduled', 'running'], ['waiting', 'completed', 'failed']);
          if (!node) return [];
          const { runId, nodeId, attempt, until, output } = command.data;
          if (Number.isNaN(Date.parse(until))) throw new InvalidInputError('until', `"${until}" is not an ISO date`);
          return [{ type: 'run.waiting', data: { nodeId, attempt, timerId: timerIdOf(runId, nodeId, attempt), until, output, waitingAt: now } }];
        }
        case 'FireTimer': {
          const run = active(state, command.data.runId);
          if (run.status !== 'running') return [];
          const entry = Object.entries(run.nodes).find(([, node]) => node.status === 'waiting' && node.timerId === command.data.timerId);
          if (!entry) return [];
          const [nodeId, node] = entry;
          return withProgress(
            run,
            [
              { type: 'run.resumed', data: { nodeId, attempt: node.attempt, timerId: command.data.timerId, resumedAt: now } },
              { type: 'node.completed', data: { nodeId, attempt: node.attempt, output: node.pendingOutput ?? null, completedAt: now } },
            ],
            now,
          );
        }
        case 'CancelRun': {
          const run = active(state, command.data.runId);
          if (run.status !== 'running') throw new ConflictError(`run "${command.data.runId}" already ${run.status}`);
          const reason = command.data.reason?.slice(0, 500);
          return [{ type: 'workflow.finished', data: { status: 'cancelled', error: { code: 'CANCELLED', message: reason ? `cancelled: ${reason}` : 'cancelled' }, finishedAt: now } }];
        }
        default: {
          const _exhaustive: never = command;
          return _exhaustive;
        }
      }
    },
  };

  function checkBranch(run: ActiveRunState, nodeId: string, branch: string | undefined): void {
    const type = run.index.nodes.get(nodeId)?.type ?? '';
    const branches = catalog.get(type)?.branches;
    if (branches ? branch === undefined || !branches.includes(branch) : branch !== undefined && branch !== DEFAULT_HANDLE) {
      throw new InvalidInputError('branch', `node "${nodeId}" (${type}) reported branch "${branch ?? ''}"; expected ${branches ? branches.join(' or ') : 'none'}`);
    }
  }
}
