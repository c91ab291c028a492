import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { testPostgresUrl, testRedisUrl } from '@weft/testing';
import type { BenchResult } from './results.js';
import type { Percentiles } from './stats.js';

const root = path.resolve(import.meta.dirname, '..');
const out = mkdtempSync(path.join(os.tmpdir(), 'weft-bench-spec-'));
const STEPS_PER_RUN = { linear10: 10, fanout: 12, branch: 3 };

const expectOrdered = (p: Percentiles) => {
  expect(p.samples).toBeGreaterThan(0);
  expect(p.p50).toBeGreaterThanOrEqual(0);
  expect(p.p50).toBeLessThanOrEqual(p.p95);
  expect(p.p95).toBeLessThanOrEqual(p.p99);
  expect(p.p99).toBeLessThanOrEqual(p.max);
};

// No timing targets here: only that every section is measured and its numbers are sane.
describe('npm run bench -- --smoke', () => {
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('runs end to end and writes every section with sane numbers', async () => {
    const env = { ...process.env, BENCH_PG_URL: testPostgresUrl('').replace(/\/$/, ''), REDIS_URL: testRedisUrl() };
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke', '--no-build', '--out', out], { cwd: root, env, timeout: 100_000 });

    const files = readdirSync(out);
    expect(files.filter((f) => /^\d{4}-\d{2}-\d{2}-\d{4}\.(json|md|svg)$/.test(f))).toHaveLength(3);
    const base = path.join(out, files.find((f) => f.endsWith('.json'))!.replace(/\.json$/, ''));
    expect(readFileSync(`${base}.svg`, 'utf8')).toMatch(/^<svg[^>]*>/);
    expect(readFileSync(`${base}.md`, 'utf8')).toContain('| linear10 |');
    const result = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as BenchResult;

    expect(result.mode).toBe('smoke');
    expect(result.stack.trigger).toBe('http');
    expect(result.stack.exits.every((e) => e.code === 0 && !e.killed)).toBe(true);
    expect(result.ceilings.postgres.commitsPerSec.c1).toBeGreaterThan(0);
    expect(result.ceilings.postgres.commitsPerSec.c8).toBeGreaterThan(0);
    expect(result.ceilings.redis.roundTripsPerSec).toBeGreaterThan(0);
    expect(result.ceilings.redis.pipelinedPerSec).toBeGreaterThan(0);

    expect(result.workloads.map((w) => `${w.workload}@${w.concurrency}`)).toEqual(['linear10@1', 'linear10@4', 'fanout@1', 'fanout@4', 'branch@1', 'branch@4']);
    for (const w of result.workloads) {
      expect(w.errors, `${w.workload}@${w.concurrency}: ${w.errorSamples.join('; ')}`).toBe(0);
      expect(w.runsPerSec).toBeGreaterThan(0);
      expect(w.nodeSteps).toBe(w.runs * STEPS_PER_RUN[w.workload]);
      expect(w.nodeStepsPerSec).toBeGreaterThan(0);
      expect(w.ratios.stepsPerPgCommitC8).toBeGreaterThan(0);
      expect(w.peakRssMiB).toBeGreaterThan(0);
      expectOrdered(w.latencyMs);
      expectOrdered(w.scheduleToStartMs);
    }

    expect(result.subscription.errors, result.subscription.errorSamples.join('; ')).toBe(0);
    expectOrdered(result.subscription.latencyMs);
    expect(result.wideFanout).toMatchObject({ width: 20, errors: 0, nodeStepsPerRun: 22 });
    expect(result.wideFanout.medianMs).toBeGreaterThan(0);
    expect(result.inFlight).toMatchObject({ runs: 50, errors: 0, unfinished: 0 });
    expect(result.inFlight.peakRssMiB).toBeGreaterThan(0);
    expect(result.inFlight.allDoneAfterLastDueMs).toBeGreaterThanOrEqual(0);
    expectOrdered(result.inFlight.latenessMs);
    expect(result.fireJitter).toMatchObject({ duplicates: 0, skipped: 0 });
    expect(result.fireJitter.fires).toBeGreaterThanOrEqual(2);
    expectOrdered(result.fireJitter.jitterMs);
    expect(result.targets.length).toBeGreaterThan(0);
  }, 110_000);
});
