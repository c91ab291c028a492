import { gql, setAuthorization } from './graphql.js';

/**
 * The benchmark's identity: it signs up an owner, creates a workspace and an
 * admin API key, and sends that key with every request afterwards (as machine
 * clients do). The API's origin is trusted by default (WEFT_PUBLIC_URL).
 */
export async function signInBench(apiUrl: string): Promise<void> {
  const origin = `http://localhost:${new URL(apiUrl).port}`;
  const call = async (path: string, body: unknown, cookie?: string) => {
    const response = await fetch(`${apiUrl}/api/auth${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin, ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`POST /api/auth${path}: ${response.status} ${await response.text()}`);
    return response;
  };
  const email = `bench-${Date.now()}@example.com`;
  const signedUp = await call('/sign-up/email', { email, password: 'benchmark password', name: 'bench' });
  const cookie = signedUp.headers.getSetCookie().find((c) => /^(__Secure-)?better-auth\.session_token=/.test(c))?.split(';')[0];
  if (!cookie) throw new Error('sign-up returned no session cookie');
  const workspace = (await (await call('/organization/create', { name: 'Benchmark', slug: `bench-${Date.now()}` }, cookie)).json()) as { id: string };
  await call('/organization/set-active', { organizationId: workspace.id }, cookie);
  setAuthorization(undefined, cookie);
  const { createApiKey } = await gql<{ createApiKey: { secret: string } }>(apiUrl, 'mutation { createApiKey(input: { name: "bench", role: admin }) { secret } }');
  setAuthorization(`Bearer ${createApiKey.secret}`);
}
