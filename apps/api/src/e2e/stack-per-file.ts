import { afterAll, beforeAll } from 'vitest';
import { createTestEnv, type TestEnv } from '@weft/testing';
import { startStack, type Client, type Stack, type StackOptions } from './harness.js';
import { createWorkspace, signUp } from './identity.js';

export type FileStack = {
  /** Set once the file's `beforeAll` has run. */
  readonly stack: Stack;
  readonly env: TestEnv;
};

/**
 * The usual set-up of an end-to-end file: a test database and Redis prefix, and a stack on
 * them, started before the file's tests and closed (database dropped) after them. `env` adds
 * settings; hooks the file registers afterwards run after the stack is up.
 */
export function stackPerFile(options: Omit<StackOptions, 'env'> & { env?: Record<string, string> } = {}): FileStack {
  let env: TestEnv | undefined;
  let stack: Stack | undefined;
  beforeAll(async () => {
    env = await createTestEnv();
    stack = await startStack({ ...options, env: { DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, WEFT_REDIS_PREFIX: env.redisPrefix, ...options.env } });
  });
  afterAll(async () => {
    await stack?.close();
    await env?.cleanup();
  });
  return {
    get stack() {
      if (!stack) throw new Error('the stack starts in beforeAll');
      return stack;
    },
    get env() {
      if (!env) throw new Error('the test environment is created in beforeAll');
      return env;
    },
  };
}

/** A client of someone else: a new user with a workspace of their own, acting through an admin API key of it. */
export async function outsiderClient(stack: Stack, name = 'Elsewhere'): Promise<Client> {
  const other = await signUp(stack.base, `outsider-${crypto.randomUUID()}@example.com`);
  await createWorkspace(stack.base, other, name);
  const created = await stack.as(other).ok<{ createApiKey: { secret: string } }>('mutation { createApiKey(input: { name: "outsider", role: admin }) { secret } }');
  return stack.as({ apiKey: created.createApiKey.secret });
}
