import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '@weft/testing';
import { startStack, type Stack } from './harness.js';
import { signIn, signUp } from './identity.js';

describe('sign-in rate limit', () => {
  let env: TestEnv;
  let first: Stack;
  let second: Stack;

  beforeAll(async () => {
    env = await createTestEnv();
    const vars = { DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, WEFT_REDIS_PREFIX: env.redisPrefix, WEFT_SIGN_IN_RATE: '5' };
    first = await startStack({ env: vars });
    second = await startStack({ env: vars, roles: [] }); // a second API instance on the same database
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await env?.cleanup();
  });

  it('counts brute-force attempts across two API instances and answers 429', async () => {
    const victim = await signUp(first.base, `victim-${crypto.randomUUID()}@example.com`);
    const answers: Response[] = [];
    for (let i = 0; i < 8; i++) answers.push(await signIn(i % 2 ? second.base : first.base, victim.email, `wrong guess ${i}`));
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect(await answers[7]!.json()).toMatchObject({ error: { code: 'RATE_LIMITED', retryAfter: expect.any(Number) } });
    const retryAfter = Number(answers[7]!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60); // the window is a minute
  });
});
