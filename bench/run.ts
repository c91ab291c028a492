// `npm run bench [-- --smoke]`: measures the machine's ceilings, starts Weft as four
// processes on a fresh database and Redis prefix, runs the workloads of issue 3 and
// writes <stamp>.json, .md and .svg. Target misses are printed, never fatal.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildIfNeeded, staleBuild } from './build.js';
import { bestOf, measureCeilings, type Ceilings } from './ceilings.js';
import { chartSvg } from './chart.js';
import type { BenchContext } from './context.js';
import { benchPool, dropDatabase, freshDatabase } from './database.js';
import { publishWorkflow } from './graphql.js';
import { delayGraph, fanoutGraph, linearGraph, probeGraph } from './graphs.js';
import { signInBench } from './identity.js';
import { measureFireJitter } from './fire-jitter.js';
import { measureInFlight } from './in-flight.js';
import { summarizeLogs } from './logs.js';
import { describeMachine, stampOf } from './machine.js';
import { parseOptions } from './options.js';
import { freePort, PROCESSES, startStack, type WeftStack } from './processes.js';
import { deleteKeys } from './redis-keys.js';
import { markdownReport, targetsTable, workloadsTable } from './report.js';
import { ratiosOf, type BenchResult } from './results.js';
import { measureSubscription } from './subscription.js';
import { checkTargets } from './targets.js';
import { connectTrigger } from './trigger.js';
import { measureWideFanout } from './wide-fanout.js';
import { measureWorkload, WORKLOADS, type WorkloadResult } from './workloads.js';

const root = path.resolve(import.meta.dirname, '..');
const log = (line: string) => console.log(`bench: ${line}`);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const options = parseOptions(args, process.env, root);
  const startedAt = new Date();
  const stamp = stampOf(startedAt);
  log(`${options.mode} run; results go to ${options.outDir}`);
  if (options.build) buildIfNeeded(root, log);
  else if (staleBuild(root)?.endsWith('has no dist')) throw new Error(`${staleBuild(root)}: run "npm run build" first`);
  const services = spawnSync(process.execPath, ['scripts/services.mjs'], { cwd: root, stdio: 'inherit', env: { ...process.env, DATABASE_URL: `${options.serverUrl}/postgres`, REDIS_URL: options.redisUrl } });
  if (services.status !== 0) throw new Error('PostgreSQL or Redis is not available');

  const databaseUrl = await freshDatabase(options.serverUrl, options.database);
  const prefix = `weft:bench:${stamp}-${randomBytes(3).toString('hex')}:`;
  // A smoke run keeps its logs beside its results (a temp dir); a full run's go to a temp dir, not into bench/results.
  const logDir = options.mode === 'smoke' ? path.join(options.outDir, `${stamp}-logs`) : mkdtempSync(path.join(os.tmpdir(), `weft-bench-logs-${stamp}-`));
  mkdirSync(logDir, { recursive: true });
  const pool = benchPool(databaseUrl);
  const machine = await describeMachine(root, pool, options.redisUrl);
  if (machine.loadAverageAtStart > 1) log(`warning: the machine is busy (load average ${machine.loadAverageAtStart}); figures will be lower than on an idle machine`);

  const ceilingSamples = [await measureCeilingsNow(options, databaseUrl, prefix, 'before')];

  log(`starting ${PROCESSES.length} Weft processes (database ${options.database}, Redis prefix ${prefix}, logs in ${logDir})…`);
  // Production mode, so it needs a session-signing secret: a fresh random one per run.
  const env = { DATABASE_URL: databaseUrl, REDIS_URL: options.redisUrl, WEFT_REDIS_PREFIX: prefix, NODE_ENV: 'production', WEFT_AUTH_SECRET: randomBytes(32).toString('base64'), WEFT_SECRETS_KEY: randomBytes(32).toString('base64') };
  const stack = await startStack(root, env, logDir, await freePort());
  const interrupted = () => void stack.stop(5000).finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  let measured: Awaited<ReturnType<typeof measureAll>> | undefined;
  let exits;
  try {
    measured = await measureAll(stack, options, pool);
  } finally {
    process.off('SIGINT', interrupted);
    log('stopping the stack…');
    exits = await stack.stop(15_000);
    if (measured) ceilingSamples.push(await measureCeilingsNow(options, databaseUrl, prefix, 'after'));
    await pool.end();
    await deleteKeys(options.redisUrl, prefix);
    if (options.mode === 'smoke') await dropDatabase(options.serverUrl, options.database);
  }

  const ceilings = bestOf(ceilingSamples);
  const partial = {
    schema: 1 as const,
    mode: options.mode,
    command: `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine,
    stack: {
      trigger: measured.trigger,
      processes: PROCESSES.map(({ name, roles }) => ({ name, roles })),
      database: options.database,
      redisPrefix: prefix,
      logDir,
      exits,
      logs: summarizeLogs(PROCESSES.map(({ name }) => ({ name, file: stack.logFile(name) }))),
    },
    ceilings,
    ceilingSamples,
    workloads: measured.workloads.map((w) => ({ ...w, ratios: ratiosOf(w, ceilings) })),
    subscription: measured.subscription,
    inFlight: measured.inFlight,
    wideFanout: measured.wideFanout,
    fireJitter: measured.fireJitter,
  };
  const result: BenchResult = { ...partial, targets: checkTargets(partial) };
  await writeResults(result, options.outDir, stamp);
}

/** The machine's ceilings while Weft is not running (measured before and after the workloads). */
async function measureCeilingsNow(options: BenchContext['options'], databaseUrl: string, prefix: string, when: string): Promise<Ceilings> {
  log(`ceilings ${when} the workloads (${options.ceilingSeconds} s each)…`);
  const c = await measureCeilings(databaseUrl, options.redisUrl, prefix, options.ceilingSeconds);
  log(`  PostgreSQL ${c.postgres.commitsPerSec.c1} commits/s (1 conn), ${c.postgres.commitsPerSec.c8} (8 conn); synchronous_commit=${c.postgres.synchronousCommit}, fsync=${c.postgres.fsync}`);
  log(`  Redis ${c.redis.roundTripsPerSec} round trips/s, ${c.redis.pipelinedPerSec} pipelined`);
  return c;
}

async function measureAll(stack: WeftStack, options: BenchContext['options'], pool: BenchContext['pool']) {
  await signInBench(stack.apiUrl);
  const ids = new Map<string, string>();
  for (const w of WORKLOADS) ids.set(w.name, await publishWorkflow(stack.apiUrl, `bench ${w.name}`, w.graph));
  const delayId = await publishWorkflow(stack.apiUrl, 'bench delay', delayGraph(options.inFlight.delaySeconds));
  const wideId = await publishWorkflow(stack.apiUrl, `bench fanout${options.wideFanout.width}`, fanoutGraph(options.wideFanout.width));
  const linearId = ids.get('linear10')!;
  const probeId = await publishWorkflow(stack.apiUrl, 'bench subscription probe', probeGraph(0.3, 10));
  const trigger = await connectTrigger(stack.apiUrl, linearId, { n: 0 });
  if (trigger.mode !== 'http') log('the synchronous HTTP trigger is missing: using GraphQL startRun + polling every 10 ms instead');
  const ctx: BenchContext = { options, stack, trigger, pool, log };
  try {
    const workloads: WorkloadResult[] = [];
    for (const w of WORKLOADS) {
      log(`workload ${w.name}: ${options.warmupRuns} warm-up runs, then ${options.runs} runs at concurrency ${options.concurrencies.join(', ')}`);
      workloads.push(...(await measureWorkload(ctx, w, ids.get(w.name)!)));
    }
    log(`node.completed → subscriber latency (${options.subscription.probes} watched runs under linear10 load at concurrency ${options.subscription.concurrency})…`);
    const subscription = await measureSubscription(ctx, linearId, probeId);
    log(`  p50 ${subscription.latencyMs.p50} ms, p99 ${subscription.latencyMs.p99} ms over ${subscription.latencyMs.samples} events`);
    log(`fan-out of ${options.wideFanout.width}, ${options.wideFanout.repeats} runs…`);
    const wideFanout = await measureWideFanout(ctx, wideId);
    log(`  median ${wideFanout.medianMs} ms`);
    log(`${options.inFlight.runs} runs in flight, each a ${options.inFlight.delaySeconds} s delay…`);
    const inFlight = await measureInFlight(ctx, delayId);
    log(`  all done ${inFlight.allDoneAfterLastDueMs} ms after the last due time; peak RSS ${inFlight.peakRssMiB} MiB; ${inFlight.errors} errors`);
    log(`schedule fire jitter: an every-second schedule for ${options.fireJitter.seconds} s…`);
    const fireJitter = await measureFireJitter(ctx, await publishWorkflow(stack.apiUrl, 'bench schedule', linearGraph(1)));
    log(`  ${fireJitter.fires} fires, ${fireJitter.duplicates} doubled, ${fireJitter.skipped} skipped; due → workflow.started p50 ${fireJitter.jitterMs.p50} ms, p99 ${fireJitter.jitterMs.p99} ms`);
    return { trigger: trigger.mode, workloads, subscription, wideFanout, inFlight, fireJitter };
  } finally {
    trigger.close();
  }
}

async function writeResults(result: BenchResult, outDir: string, stamp: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const file = (ext: string) => path.join(outDir, `${stamp}.${ext}`);
  writeFileSync(file('json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(file('md'), markdownReport(result));
  writeFileSync(file('svg'), await chartSvg(result));
  console.log(`\n${workloadsTable(result)}\n\n${targetsTable(result.targets)}\n`);
  log(`wrote ${file('json')}, .md and .svg`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
