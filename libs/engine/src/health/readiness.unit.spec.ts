import { describe, expect, it } from 'vitest';
import { checkReadiness } from './readiness.js';

const never = () => new Promise<never>(() => undefined);

describe('checkReadiness', () => {
  it('is ready when every probe answers in time, with each timing', async () => {
    const ticks = [0, 0, 7, 12];
    const readiness = await checkReadiness({ postgres: () => Promise.resolve(1), redis: () => Promise.resolve('PONG') }, { timeoutMs: 100, now: () => ticks.shift()! });
    expect(readiness).toEqual({ ready: true, draining: false, checks: { postgres: { ok: true, ms: 7 }, redis: { ok: true, ms: 12 } } });
  });

  it('fails a probe that never answers (a half-open connection) after the timeout, and only that one', async () => {
    const readiness = await checkReadiness({ postgres: () => Promise.resolve(1), redis: never }, { timeoutMs: 30 });
    expect(readiness.ready).toBe(false);
    expect(readiness.checks.postgres).toMatchObject({ ok: true });
    expect(readiness.checks.redis).toMatchObject({ ok: false, error: 'no answer within 30 ms' });
  });

  it('fails a probe that errors, with its message', async () => {
    const readiness = await checkReadiness({ postgres: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')) }, { timeoutMs: 1000 });
    expect(readiness).toMatchObject({ ready: false, checks: { postgres: { ok: false, error: 'connect ECONNREFUSED 127.0.0.1:5432' } } });
  });

  it('is not ready while draining, even with every dependency up', async () => {
    const readiness = await checkReadiness({ redis: () => Promise.resolve('PONG') }, { timeoutMs: 100, draining: true });
    expect(readiness).toMatchObject({ ready: false, draining: true, checks: { redis: { ok: true } } });
  });
});
