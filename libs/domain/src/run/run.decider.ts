import type { NodeTypeCatalog, WorkflowGraph } from '../graph/graph.js';
import { hasErrorPath, successBranches } from '../graph/graph-index.js';
import type { Decider } from '../shared/command.js';
import { ConflictError, InvalidInputError, NotFoundError, StaleAttemptError } from '../shared/errors.js';
import type { RunCommand } from './run.commands.js';
import { deadlineTimerIdOf, retryTimerIdOf, timerIdOf, type NodeError, type NodeLogEntry, type RunEvent } from './run.events.js';
import { retryDelayMs } from './retry-backoff.js';
import { advanceRun, DEFAULT_QUEUE } from './run-progress.js';
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
          // A workflow with a run limit queues every run: a run slot admits it (AdmitRun), and its deadline counts from then.
          const queued = command.data.graph.settings?.maxConcurrentRuns !== undefined;
          const deadline = queued ? undefined : deadlineOf(command.data.graph, now);
          const started: RunEvent = { type: 'workflow.started', data: { ...command.data, startedAt: now, ...(deadline ? { deadline } : {}), ...(queued ? { queued: true as const } : {}) } };
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
          const node = reportedNode(state, command.data, ['scheduled', 'running'], ['completed', 'failed', 'waiting', 'retrying']);
          if (!node) return [];
          const run = state as ActiveRunState;
          const { nodeId, attempt, output, branch, started } = command.data;
          checkBranch(run, nodeId, branch);
          const startedData = started && node.status === 'scheduled' ? { startedAt: started.at, input: started.input, workerId: started.workerId } : {};
          return [...logged(command.data, now), ...withProgress(run, [{ type: 'node.completed', data: { nodeId, attempt, output, ...(branch === undefined ? {} : { branch }), completedAt: now, ...startedData } }], now)];
        }
        case 'FailNode': {
          const node = reportedNode(state, command.data, ['scheduled', 'running'], ['completed', 'failed', 'waiting', 'retrying']);
          if (!node) return [];
          return [...logged(command.data, now), ...failNode(state as ActiveRunState, command.data.nodeId, command.data.attempt, command.data.error, now)];
        }
        case 'WaitNode': {
          const node = reportedNode(state, command.data, ['scheduled', 'running'], ['waiting', 'completed', 'failed', 'retrying']);
          if (!node) return [];
          const { runId, nodeId, attempt, until, output, waitFor } = command.data;
          if (until === undefined ? !waitFor : Number.isNaN(Date.parse(until))) throw new InvalidInputError('until', `"${until ?? ''}" is not an ISO date`);
          const timing = until === undefined ? {} : { until };
          return [...logged(command.data, now), { type: 'run.waiting', data: { nodeId, attempt, timerId: timerIdOf(runId, nodeId, attempt), ...timing, output, waitingAt: now, ...(waitFor ? { waitFor } : {}) } }];
        }
        case 'ResolveWait': {
          const run = active(state, command.data.runId);
          const { nodeId, resolution } = command.data;
          const node = run.nodes[nodeId];
          if (!node) throw new NotFoundError('node', nodeId);
          if (run.status !== 'running') throw new ConflictError(`run "${run.runId}" is ${run.status}: nothing waits any more`);
          const awaited = { approval: 'a decision', event: 'an event', children: 'child runs' }[resolution.kind];
          if (node.status !== 'waiting' || node.waitFor?.kind !== resolution.kind) throw new ConflictError(`node "${nodeId}" is not waiting for ${awaited} (it is ${node.status})`);
          if (node.waitFor.kind === 'event' && resolution.kind === 'event' && (node.waitFor.name !== resolution.name || node.waitFor.correlationKey !== resolution.correlationKey)) {
            throw new ConflictError(`node "${nodeId}" waits for event "${node.waitFor.name}" with another correlation key`);
          }
          const resumed: RunEvent = {
            type: 'run.resumed',
            data: { nodeId, attempt: node.attempt, timerId: node.timerId ?? timerIdOf(run.runId, nodeId, node.attempt), resumedAt: now, cause: resolution.kind === 'approval' ? 'decision' : resolution.kind },
          };
          // Child runs that failed fail the node: retried, or onto its error edge, like any attempt.
          if (resolution.kind === 'children' && resolution.outcome === 'failed') return [resumed, ...failNode(evolveRun(run, resumed) as ActiveRunState, nodeId, node.attempt, resolution.error, now)];
          const completion =
            resolution.kind === 'approval'
              ? { branch: resolution.approved ? 'approved' : 'rejected', output: { approved: resolution.approved, comment: resolution.comment ?? null, by: resolution.by } }
              : resolution.kind === 'event'
                ? { branch: 'received', output: resolution.payload }
                : { output: resolution.output };
          return withProgress(run, [resumed, { type: 'node.completed', data: { nodeId, attempt: node.attempt, output: completion.output, ...('branch' in completion ? { branch: completion.branch } : {}), completedAt: now } }], now);
        }
        case 'FireTimer': {
          const run = active(state, command.data.runId);
          if (run.status !== 'running') return [];
          const { timerId } = command.data;
          if (timerId === deadlineTimerIdOf(run.runId)) {
            return [{ type: 'workflow.finished', data: { status: 'failed', error: { code: 'RUN_TIMEOUT', message: `the run did not finish by its deadline ${run.deadline ?? ''}`.trim() }, finishedAt: now } }];
          }
          const entry = Object.entries(run.nodes).find(([, node]) => (node.status === 'waiting' || node.status === 'retrying') && node.timerId === timerId);
          if (!entry) return [];
          const [nodeId, node] = entry;
          if (node.status === 'retrying') {
            const nodeType = run.index.nodes.get(nodeId)?.type ?? '';
            return [{ type: 'node.scheduled', data: { nodeId, nodeType, attempt: node.attempt + 1, queue: node.queue ?? catalog.get(nodeType)?.queue ?? DEFAULT_QUEUE, scheduledAt: now, ...(node.sources ? { sources: [...node.sources] } : {}) } }];
          }
          // A wait's deadline takes its timeout branch with the node's input; a delay just ends.
          const timedOut = node.waitFor !== undefined;
          return withProgress(
            run,
            [
              { type: 'run.resumed', data: { nodeId, attempt: node.attempt, timerId, resumedAt: now, cause: timedOut ? 'timeout' : 'timer' } },
              { type: 'node.completed', data: { nodeId, attempt: node.attempt, output: node.pendingOutput ?? null, ...(timedOut ? { branch: 'timeout' } : {}), completedAt: now } },
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
        case 'AdmitRun': {
          const run = active(state, command.data.runId);
          if (run.status !== 'running') throw new ConflictError(`run "${run.runId}" is ${run.status}: it is not admitted any more`);
          if (!run.queued) return []; // admitted already
          const deadline = deadlineOf(run.graph, now);
          return withProgress(run, [{ type: 'run.admitted', data: { admittedAt: now, ...(deadline ? { deadline } : {}) } }], now);
        }
        default: {
          const _exhaustive: never = command;
          return _exhaustive;
        }
      }
    },
  };

  /**
   * An attempt failed: retried after its backoff when the error is retryable and
   * attempts are left; otherwise the node fails for good, and the run goes on
   * along its error edges, or fails with the node's error when it has none.
   */
  function failNode(run: ActiveRunState, nodeId: string, attempt: number, error: NodeError, now: string): RunEvent[] {
    const retry = run.index.nodes.get(nodeId)?.retry;
    if (retry && error.retryable === true && attempt < retry.maxAttempts) {
      const timerId = retryTimerIdOf(run.runId, nodeId, attempt);
      const retryAt = new Date(Date.parse(now) + retryDelayMs(retry, attempt, timerId)).toISOString();
      return [{ type: 'node.retrying', data: { nodeId, attempt, error, nextAttempt: attempt + 1, retryAt, timerId, retryingAt: now } }];
    }
    if (hasErrorPath(run.index, nodeId)) return withProgress(run, [{ type: 'node.failed', data: { nodeId, attempt, error, failedAt: now, handled: true } }], now);
    return [
      { type: 'node.failed', data: { nodeId, attempt, error, failedAt: now } },
      { type: 'workflow.finished', data: { status: 'failed', error: { code: error.code, message: `node "${nodeId}" failed: ${error.message}`, nodeId }, finishedAt: now } },
    ];
  }

  /** The attempt's log, kept just before its result (nothing when it logged nothing). */
  function logged(report: { nodeId: string; attempt: number; logs?: NodeLogEntry[] }, now: string): RunEvent[] {
    return report.logs?.length ? [{ type: 'node.logged', data: { nodeId: report.nodeId, attempt: report.attempt, entries: report.logs, loggedAt: now } }] : [];
  }

  /** When a run that starts (or is admitted) now fails with RUN_TIMEOUT: the graph's `settings.timeoutMs` from now, if it has one. */
  function deadlineOf(graph: WorkflowGraph, now: string): string | undefined {
    const timeoutMs = graph.settings?.timeoutMs;
    return timeoutMs ? new Date(Date.parse(now) + timeoutMs).toISOString() : undefined;
  }

  function checkBranch(run: ActiveRunState, nodeId: string, branch: string | undefined): void {
    const node = run.index.nodes.get(nodeId);
    const spec = node && catalog.get(node.type);
    if (!node || !spec) return;
    const branches = successBranches(spec, node);
    const single = !spec.branches && !spec.branchesOf;
    if (single ? branch !== undefined && branch !== branches[0] : branch === undefined || !branches.includes(branch)) {
      throw new InvalidInputError('branch', `node "${nodeId}" (${node.type}) reported branch "${branch ?? ''}"; expected ${single ? 'none' : branches.join(' or ')}`);
    }
  }
}
