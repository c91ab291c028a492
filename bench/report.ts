import type { BenchResult } from './results.js';
import type { Percentiles } from './stats.js';
import type { TargetCheck } from './targets.js';

const num = (value: number) => (Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: 2 }) : '–');
/** A markdown table; columns holding numbers are right-aligned. */
const table = (head: string[], rows: (string | number)[][]) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (typeof rows[0]?.[i] === 'number' ? '--:' : '---')).join('|')}|`,
    ...rows.map((r) => `| ${r.map((c) => (typeof c === 'number' ? num(c) : c)).join(' | ')} |`),
  ].join('\n');
const p50p99 = (p: Percentiles) => `${num(p.p50)} / ${num(p.p99)}`;

export function targetsTable(targets: TargetCheck[]): string {
  return table(['Target (issue 3)', 'Goal', 'Measured', 'Result'], targets.map((t) => [t.target, t.goal, `${num(t.measured)} ${t.unit}`, t.pass ? 'pass' : '**miss**']));
}

export function workloadsTable(result: BenchResult): string {
  return table(
    ['Workload', 'Conc.', 'Runs', 'Runs/s', 'p50 ms', 'p95 ms', 'p99 ms', 'Errors', 'Peak RSS MiB'],
    result.workloads.map((w) => [w.workload, w.concurrency, w.runs, w.runsPerSec, w.latencyMs.p50, w.latencyMs.p95, w.latencyMs.p99, w.errors, w.peakRssMiB]),
  );
}

function stepsTable(result: BenchResult): string {
  return table(
    ['Workload', 'Conc.', 'Node steps/s', '÷ PG commits/s (1 conn)', '÷ PG commits/s (8 conn)', '÷ Redis round trips/s', 'Sched→start p50 / p99 ms', 'Weft CPU ms/run', 'Load gen. CPU ms/run', 'Machine busy %', 'PG sessions opened'],
    result.workloads.map((w) => [
      w.workload,
      w.concurrency,
      w.nodeStepsPerSec,
      w.ratios.stepsPerPgCommitC1,
      w.ratios.stepsPerPgCommitC8,
      w.ratios.stepsPerRedisRoundTrip,
      p50p99(w.scheduleToStartMs),
      w.cpu.weftMsPerRun,
      w.cpu.loadGeneratorMsPerRun,
      w.cpu.machineBusyPercent,
      w.pgSessionsOpened,
    ]),
  );
}

function ceilingsTable({ ceilings, ceilingSamples }: BenchResult): string {
  const figures: [string, (c: BenchResult['ceilings']) => number][] = [
    ['PostgreSQL single-row INSERT commits, 1 connection', (c) => c.postgres.commitsPerSec.c1],
    ['PostgreSQL single-row INSERT commits, 8 connections', (c) => c.postgres.commitsPerSec.c8],
    ['Redis XADD → XREADGROUP → XACK round trips, one at a time', (c) => c.redis.roundTripsPerSec],
    ['Redis the same, pipelined (up to 500 in flight)', (c) => c.redis.pipelinedPerSec],
  ];
  const when = ['Before', 'After'];
  return table(
    ['Ceiling (per second)', ...ceilingSamples.map((_, i) => when[i] ?? `#${i + 1}`), 'Used (best)'],
    figures.map(([name, pick]) => [name, ...ceilingSamples.map(pick), pick(ceilings)]),
  );
}

function alsoMeasured(result: BenchResult): string {
  const { subscription: sub, inFlight: flight, wideFanout: wide } = result;
  const linear = result.workloads.filter((w) => w.workload === 'linear10');
  return [
    `- **node.completed → graphql-ws subscriber**: p50 ${num(sub.latencyMs.p50)} ms, p99 ${num(sub.latencyMs.p99)} ms, max ${num(sub.latencyMs.max)} ms ` +
      `(${sub.latencyMs.samples} events of ${sub.probes} watched linear10 runs, under a linear10 load at concurrency ${sub.backgroundConcurrency}; ${sub.errors} errors).`,
    `- **Task schedule-to-start (linear10)**: ${linear.map((w) => `c=${w.concurrency}: p50 ${num(w.scheduleToStartMs.p50)} ms, p99 ${num(w.scheduleToStartMs.p99)} ms`).join('; ')}.`,
    `- **${num(flight.runs)} runs in flight** (each a ${flight.delaySeconds} s delay, then a set node; started in ${num(flight.startDurationMs)} ms): peak RSS ${num(flight.peakRssMiB)} MiB, ` +
      `${flight.errors} errors (${flight.startErrors} at start, ${flight.failed} not succeeded, ${flight.unfinished} unfinished); all finished ${num(flight.allDoneAfterLastDueMs)} ms after the last delay was due; ` +
      `per-run lateness (finished − due) p50 ${num(flight.latenessMs.p50)} ms, p99 ${num(flight.latenessMs.p99)} ms, max ${num(flight.latenessMs.max)} ms.`,
    `- **Fan-out of ${wide.width}** parallel set nodes → merge, one run alone: median ${num(wide.medianMs)} ms (min ${num(wide.minMs)}, max ${num(wide.maxMs)}) over ${wide.repeats} runs, ` +
      `${num(wide.nodeStepsPerRun)} node steps a run, ${wide.errors} errors.`,
    `- **Schedule fire jitter** (an every-second schedule for ${result.fireJitter.seconds} s, under no other load): ${result.fireJitter.fires} fires, ${result.fireJitter.duplicates} doubled, ${result.fireJitter.skipped} skipped; ` +
      `due time → \`workflow.started\` p50 ${num(result.fireJitter.jitterMs.p50)} ms, p99 ${num(result.fireJitter.jitterMs.p99)} ms, max ${num(result.fireJitter.jitterMs.max)} ms.`,
  ].join('\n');
}

/** The markdown report written next to the JSON. */
export function markdownReport(result: BenchResult): string {
  const { machine: m, stack, ceilings } = result;
  const pg = ceilings.postgres;
  const errors = [...result.workloads.flatMap((w) => w.errorSamples.map((e) => `${w.workload} c=${w.concurrency}: ${e}`)), ...result.subscription.errorSamples, ...result.inFlight.errorSamples, ...result.wideFanout.errorSamples];
  return `# Weft benchmark, ${result.startedAt.slice(0, 16).replace('T', ' ')} UTC (${result.mode})

Command: \`${result.command}\` · engine ${m.commit} · trigger: ${stack.trigger === 'http' ? 'synchronous HTTP trigger' : '**GraphQL startRun + polling (the HTTP trigger was missing)**'}
Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB · Node ${m.node} · PostgreSQL ${m.postgres} (synchronous_commit=${pg.synchronousCommit}, fsync=${pg.fsync}, wal_sync_method=${pg.walSyncMethod}) · Redis ${m.redis} · load average at start ${m.loadAverageAtStart}
Processes: ${stack.processes.map((p) => `${p.name} (${p.roles})`).join(', ')}; the load generator runs on the same machine.
${result.mode === 'smoke' ? '\n_A smoke run: too few runs for its figures to mean anything._\n' : ''}
## Targets

${targetsTable(result.targets)}

## Machine ceilings (measured in this run before and after the workloads, Weft stopped, ${pg.seconds} s each)

${ceilingsTable(result)}

## Workloads (${result.workloads[0]?.runs ?? 0} runs per row through the synchronous trigger, closed loop)

${workloadsTable(result)}

Latency is the whole run as the client sees it (request sent → 200 answered); errors are answers other than 200 with \`succeeded\`.
Peak RSS is the largest sum of the four processes' VmRSS, sampled every 100 ms.

${stepsTable(result)}

Node steps are completed node attempts (\`node.completed\` events); the ÷ columns divide node steps/s by the ceilings above.
Schedule-to-start is \`node.scheduled\`'s \`scheduledAt\` to the attempt's \`startedAt\`. CPU is user + system time of the four
Weft processes (and of the load generator) during the runs; machine busy % counts every process on the machine, PostgreSQL included.
PG sessions opened counts PostgreSQL connections opened during the runs (\`pg_stat_database.sessions\`); pools that keep their connections open none.

## Also measured

${alsoMeasured(result)}

## Engine health during the run

Process logs: ${stack.logs.errors} error lines, ${stack.logs.warnings} warnings (logs in \`${stack.logDir}\`).
Exits: ${stack.exits.map((e) => `${e.name} ${e.killed ? 'SIGKILLed after the deadline' : (e.signal ?? `exit ${e.code}`)}`).join(', ')}.
${[...stack.logs.samples, ...errors].map((s) => `- ${s.replaceAll('|', '\\|')}`).join('\n')}
`;
}
