import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusTally, createTestEnv, SECURITY_CORPORA, type TestEnv } from '@weft/testing';
import { startStack, type Stack } from './harness.js';
import { signIn, signUp } from './identity.js';

const tally = corpusTally(SECURITY_CORPORA.abuse, 'one hostile request over HTTP or graphql-ws, refused only if answered before execution (no data) with the expected code; appended: events written while the refused requests were sent');
afterAll(() => void tally.record());

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
    // The guesses past the limit of 5 a minute are the attack: each counts as refused only if answered 429.
    for (const answer of answers.slice(5)) tally.count('sign-in guesses past 5 a minute, over two API instances', answer.status === 429);
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect(await answers[7]!.json()).toMatchObject({ error: { code: 'RATE_LIMITED', retryAfter: expect.any(Number) } });
    const retryAfter = Number(answers[7]!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60); // the window is a minute
  });
});
