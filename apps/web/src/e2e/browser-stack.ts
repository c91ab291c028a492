import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { createTestEnv, freePort, type TestEnv } from '@weft/testing';
import { launchChromium } from './browser.js';
import { startApi, type Api } from './start-api.js';
import { buildWeb, startWeb, WEB_DIR, type WebServer } from './web-server.js';

/** Screenshots land here (gitignored): the test artifacts. */
export const ARTIFACTS = path.join(WEB_DIR, 'test-results');
/** `npm test` builds into .next-e2e; a run of one file alone may build elsewhere so it never clobbers a build in use. */
const DIST_DIR = process.env.WEFT_WEB_E2E_DIST_DIR ?? '.next-e2e';
export const PASSWORD = 'a long enough password';

export type BrowserStack = { readonly env: TestEnv; readonly api: Api; readonly web: WebServer; readonly browser: Browser };

/**
 * What every browser test file sets up: a test database and Redis prefix, the API with every
 * background role on them (in this process), the built web app (`next start`) proxying to it,
 * and Debian's Chromium — started before the file's tests, closed after them. `npm test`
 * builds the web app first against the API port it passes (WEFT_WEB_E2E_API_PORT); a file
 * run alone builds it itself.
 */
export function browserStackPerFile(): BrowserStack {
  let env: TestEnv | undefined;
  let api: Api | undefined;
  let web: WebServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    env = await createTestEnv();
    const prebuilt = process.env.WEFT_WEB_E2E_API_PORT && existsSync(path.join(WEB_DIR, DIST_DIR, 'BUILD_ID'));
    const apiPort = prebuilt ? Number(process.env.WEFT_WEB_E2E_API_PORT) : await freePort();
    const webPort = await freePort();
    // The browser's Origin is the web app's: the API must trust it, or the session cookie authenticates nobody.
    api = await startApi({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, WEFT_REDIS_PREFIX: env.redisPrefix, WEFT_TRUSTED_ORIGINS: `http://127.0.0.1:${webPort}` }, apiPort);
    if (!prebuilt) buildWeb(api.origin, DIST_DIR);
    web = await startWeb(DIST_DIR, webPort);
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await api?.close();
    await env?.cleanup();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} starts in beforeAll`);
    return value;
  };
  return {
    get env() {
      return started(env, 'the test environment');
    },
    get api() {
      return started(api, 'the API');
    },
    get web() {
      return started(web, 'the web app');
    },
    get browser() {
      return started(browser, 'Chromium');
    },
  };
}

/** Signs up through the page, with a workspace of its own (by default named after the user). */
export async function signUpInBrowser(page: Page, origin: string, email: string, workspace = `${email.split('@')[0]} workspace`): Promise<void> {
  await page.goto(`${origin}/sign-up`);
  await page.getByLabel('Name').fill(email.split('@')[0]!);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Workspace').fill(workspace);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL(`${origin}/workflows`);
}

/**
 * Who signs up, and in what browser context: by `name`, a fresh `<name>-<uuid>@example.com`, or an
 * `email` chosen beforehand (one already invited, say); the workspace it makes (signUpInBrowser's
 * default when unset); the context's viewport and colour scheme (Playwright's defaults when unset).
 */
export type NewUser = ({ name: string } | { email: string }) & { workspace?: string } & Pick<BrowserContextOptions, 'viewport' | 'colorScheme'>;

/** Opens a new browser context (cookies of its own) with one page, and signs the user up through it. */
export async function newSignedInPage(stack: BrowserStack, user: NewUser): Promise<{ context: BrowserContext; page: Page; email: string }> {
  const email = 'email' in user ? user.email : `${user.name}-${crypto.randomUUID()}@example.com`;
  // Playwright reads an undefined option as an absent one: unset here means its default, as with a bare newContext().
  const context = await stack.browser.newContext({ viewport: user.viewport, colorScheme: user.colorScheme });
  const page = await context.newPage();
  await signUpInBrowser(page, stack.web.origin, email, user.workspace);
  return { context, page, email };
}

/** GraphQL through the page, so the browser's session cookie authenticates it; throws on GraphQL errors. */
export async function graphqlInPage<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const body = await page.evaluate(
    async ({ query, variables }) => {
      const response = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as { data?: unknown; errors?: { message: string }[] };
    },
    { query, variables },
  );
  if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data as T;
}

/** Creates and publishes a workflow as the page's user; returns its id. */
export async function publishInPage(page: Page, name: string, graph: unknown): Promise<string> {
  const { createWorkflow } = await graphqlInPage<{ createWorkflow: { id: string } }>(page, 'mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }', { input: { name, graph } });
  await graphqlInPage(page, 'mutation ($id: ID!) { publishWorkflow(id: $id) { version } }', { id: createWorkflow.id });
  return createWorkflow.id;
}
