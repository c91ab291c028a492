import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What one benchmark run does: the full run of issue 3, or the small CI variant (`--smoke`). */
export type BenchOptions = {
  mode: 'full' | 'smoke';
  /** Measured runs per (workload, concurrency), after `warmupRuns` unmeasured ones. */
  runs: number;
  warmupRuns: number;
  concurrencies: number[];
  /** A (workload, concurrency) stops early after this long; its row then has fewer runs. */
  phaseLimitMs: number;
  waitMs: number;
  ceilingSeconds: number;
  /** Runs watched over graphql-ws while a linear10 load runs at `subscription.concurrency`. */
  subscription: { probes: number; concurrency: number };
  inFlight: { runs: number; delaySeconds: number; startConcurrency: number };
  fireJitter: { seconds: number };
  wideFanout: { width: number; repeats: number };
  outDir: string;
  database: string;
  build: boolean;
  serverUrl: string;
  redisUrl: string;
};

const FULL = {
  runs: 500,
  warmupRuns: 20,
  concurrencies: [1, 8, 32],
  phaseLimitMs: 600_000,
  ceilingSeconds: 3,
  subscription: { probes: 100, concurrency: 8 },
  inFlight: { runs: 1000, delaySeconds: 30, startConcurrency: 16 },
  wideFanout: { width: 100, repeats: 5 },
  fireJitter: { seconds: 30 },
};

const SMOKE: typeof FULL = {
  runs: 8,
  warmupRuns: 3,
  concurrencies: [1, 4],
  phaseLimitMs: 30_000,
  ceilingSeconds: 1,
  subscription: { probes: 5, concurrency: 4 },
  inFlight: { runs: 50, delaySeconds: 2, startConcurrency: 8 },
  wideFanout: { width: 20, repeats: 3 },
  fireJitter: { seconds: 3 },
};

const USAGE = `npm run bench [-- --smoke] [--out DIR] [--no-build]
  --smoke     the small CI variant; results go to a temp dir unless --out is given
  --out DIR   where the .json, .md and .svg results are written (default bench/results)
  --no-build  use the existing dist/ folders as they are
Environment: BENCH_SMOKE=1 (same as --smoke), BENCH_PG_URL (server, default postgresql://postgres@127.0.0.1:5432),
REDIS_URL (default redis://127.0.0.1:6379). Extra WEFT_* variables are passed to the Weft processes.`;

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv, root: string): BenchOptions {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  if (flags.has('--help')) {
    console.log(USAGE);
    process.exit(0);
  }
  const known = new Set(['--smoke', '--out', '--no-build']);
  const unknown = [...flags].filter((f) => !known.has(f));
  if (unknown.length) throw new Error(`unknown option ${unknown.join(', ')}\n${USAGE}`);
  const smoke = flags.has('--smoke') || env.BENCH_SMOKE === '1';
  const outIndex = argv.indexOf('--out');
  const out = outIndex >= 0 ? argv[outIndex + 1] : undefined;
  if (outIndex >= 0 && !out) throw new Error(`--out needs a directory\n${USAGE}`);
  const outDir = out ? path.resolve(out) : smoke ? mkdtempSync(path.join(os.tmpdir(), 'weft-bench-smoke-')) : path.join(root, 'bench/results');
  return {
    mode: smoke ? 'smoke' : 'full',
    ...(smoke ? SMOKE : FULL),
    waitMs: 30_000,
    outDir,
    database: smoke ? `weft_bench_smoke_${process.pid}` : 'weft_bench',
    build: !flags.has('--no-build'),
    serverUrl: (env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432').replace(/\/+$/, ''),
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
}
