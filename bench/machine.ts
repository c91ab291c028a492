import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { Redis } from 'ioredis';
import type pg from 'pg';
import type { BenchResult } from './results.js';

const git = (root: string, args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout?.trim() ?? '';

/** The engine's commit, marked `+dirty` when libs/, apps/ or prisma/ have uncommitted changes. */
export function engineCommit(root: string): string {
  const head = git(root, ['rev-parse', '--short', 'HEAD']) || 'unknown';
  return git(root, ['status', '--porcelain', '--', 'libs', 'apps', 'prisma']) ? `${head}+dirty` : head;
}

export async function describeMachine(root: string, pool: pg.Pool, redisUrl: string): Promise<BenchResult['machine']> {
  const { rows } = await pool.query<{ server_version: string }>('SHOW server_version');
  const redis = new Redis(redisUrl);
  const info = await redis.info('server').finally(() => redis.disconnect());
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: rows[0]?.server_version.split(' ')[0] ?? '?',
    redis: /redis_version:(\S+)/.exec(info)?.[1] ?? '?',
    commit: engineCommit(root),
    loadAverageAtStart: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}

/** `2026-11-25-2140`, local time. */
export function stampOf(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}-${two(date.getHours())}${two(date.getMinutes())}`;
}
