import { randomBytes } from 'node:crypto';
import { ExampleError } from './example-errors.js';
import { instantiateExample } from './instantiate-example.js';
import { listExamples, loadExample } from './load-example.js';

/** The demo account `npm start` prints: kept (locally, never committed) so later starts print it again. */
export type DemoAccount = { email: string; password: string };
export type SeededWorkflow = { name: string; id: string; published: boolean };
export type DemoSeed = { account: DemoAccount; created: boolean; workflows: SeededWorkflow[] };

export type SeedDemoOptions = {
  /** The API's base URL (no path). */
  api: string;
  /** An origin the API trusts (its public URL's): better-auth refuses cookie requests from others. */
  origin: string;
  examplesRoot: string;
  /** The account a previous start made, if any. */
  saved?: DemoAccount;
};

const DEMO_EMAIL = 'demo@weft.local';

/**
 * Makes sure a demo account exists with a workspace holding every shipped example: those
 * marked `demo: "publish"` published (they run as shipped), the others as drafts whose
 * missing parameters stay `<<name>>` for the user to fill in. Idempotent: when the saved
 * account still signs in, nothing is created. Talks to the API only through its public
 * HTTP endpoints (better-auth and GraphQL), as a user would.
 */
export async function seedDemo(options: SeedDemoOptions): Promise<DemoSeed> {
  const { api, origin } = options;
  if (options.saved && (await signIn(api, origin, options.saved)).ok) return { account: options.saved, created: false, workflows: [] };

  const password = randomBytes(12).toString('base64url');
  // A previous demo account whose password was lost keeps its address: take another.
  let account: DemoAccount = { email: DEMO_EMAIL, password };
  let signedUp = await authCall(api, origin, '/sign-up/email', { email: account.email, password, name: 'Demo' });
  if (signedUp.status === 422 || signedUp.status === 400) {
    account = { email: `demo-${randomBytes(3).toString('hex')}@weft.local`, password };
    signedUp = await authCall(api, origin, '/sign-up/email', { email: account.email, password, name: 'Demo' });
  }
  const cookie = await sessionCookie(signedUp);
  const organization = (await (await expectOk(authCall(api, origin, '/organization/create', { name: 'Demo workspace', slug: `demo-${randomBytes(4).toString('hex')}` }, cookie))).json()) as { id: string };
  await expectOk(authCall(api, origin, '/organization/set-active', { organizationId: organization.id }, cookie));

  const gql = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const response = await fetch(`${api}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', origin, cookie }, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length || !body.data) throw new ExampleError(`the API refused the demo workspace: ${body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`}`);
    return body.data;
  };
  const workflows: SeededWorkflow[] = [];
  for (const dir of await listExamples(options.examplesRoot)) {
    const example = await loadExample(dir);
    const publish = example.demo === 'publish';
    const instance = instantiateExample(example, {}, { keepMissing: !publish });
    const { createWorkflow } = await gql<{ createWorkflow: { id: string } }>('mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }', { input: { name: instance.name, description: instance.description, graph: instance.graph } });
    if (publish) await gql('mutation ($id: ID!) { publishWorkflow(id: $id) { version } }', { id: createWorkflow.id });
    workflows.push({ name: instance.name, id: createWorkflow.id, published: publish });
  }
  return { account, created: true, workflows };
}

function authCall(api: string, origin: string, path: string, body: unknown, cookie?: string): Promise<Response> {
  return fetch(`${api}/api/auth${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin, ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
}

const signIn = (api: string, origin: string, account: DemoAccount) => authCall(api, origin, '/sign-in/email', account);

async function expectOk(pending: Promise<Response>): Promise<Response> {
  const response = await pending;
  if (!response.ok) throw new ExampleError(`the API refused the demo account (${new URL(response.url).pathname}): ${response.status} ${await response.text()}`);
  return response;
}

async function sessionCookie(response: Response): Promise<string> {
  await expectOk(Promise.resolve(response));
  const cookie = response.headers.getSetCookie().find((c) => /^(__Secure-)?better-auth\.session_token=/.test(c));
  if (!cookie) throw new ExampleError('the API answered the demo sign-up without a session');
  return cookie.split(';')[0]!;
}
