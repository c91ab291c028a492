import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, browserStackPerFile, newSignedInPage } from './browser-stack.js';

/** A GraphQL call from the page, with its session cookie. */
const graphqlInPage = (page: Page, query: string) =>
  page.evaluate(async (q) => (await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q }) })).json() as Promise<{ data: unknown; errors?: { extensions: { code: string } }[] }>, query);

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });

describe('settings: API keys, credentials, network allow-list, members and workspaces, in Chromium against the real stack', () => {
  const stack = browserStackPerFile();

  /** A call with an API key, straight to the API (as a machine would). */
  const withKey = async (secret: string) => {
    const response = await fetch(`${stack.api.origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body: JSON.stringify({ query: '{ me { kind workspaceName role } }' }) });
    return (await response.json()) as { data: { me: { kind: string; workspaceName: string; role: string } } | null; errors?: { extensions: { code: string } }[] };
  };

  it('an owner makes and revokes a key, stores a credential, sets the allow-list and invites a member, who cannot make keys', async () => {
    const ownerWorkspace = `Acme ${crypto.randomUUID().slice(0, 6)}`;
    const { context, page } = await newSignedInPage(stack, { name: 'ada', workspace: ownerWorkspace, viewport: { width: 1400, height: 900 } });

    // Workspace: reached from the header; the owner's role is shown.
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL(`${stack.web.origin}/settings`);
    await expect.poll(() => page.getByTestId('workspace-role').textContent()).toBe('owner');
    expect(await page.getByTestId('workspace-name').textContent()).toBe(ownerWorkspace);
    await shot(page, 'settings-workspace.png');

    // API keys: the secret shows once, works as a bearer token, and stops working once revoked.
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'API keys' }).click();
    await page.getByText('No API keys yet.').waitFor();
    await page.getByLabel('Key name').fill('ci');
    await page.getByLabel('Key role').selectOption('admin');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = (await page.getByTestId('api-key-secret').textContent())!;
    expect(secret).toMatch(/^weft_/);
    await page.getByTestId('api-key-ci').waitFor();
    await shot(page, 'settings-api-key-created.png');
    expect((await withKey(secret)).data?.me).toEqual({ kind: 'apiKey', workspaceName: ownerWorkspace, role: 'admin' });
    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByTestId('api-key-secret').count()).toBe(0);
    await page.reload();
    await page.getByTestId('api-key-ci').waitFor();
    expect(await page.content()).not.toContain(secret);

    await page.getByTestId('api-key-ci').getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('button', { name: 'Revoke key' }).click();
    await page.getByText('No API keys yet.').waitFor();
    // A verified key is trusted for up to 5 s per API process.
    await expect.poll(async () => (await withKey(secret)).errors?.[0]?.extensions.code, { timeout: 10_000, interval: 500 }).toBe('UNAUTHENTICATED');

    // Credentials: the form checks required fields; values are never shown back.
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Credentials' }).click();
    await page.getByText('No credentials yet.').waitFor();
    await page.getByLabel('Credential name').fill('CRM token');
    await page.getByRole('button', { name: 'Create credential' }).click();
    await page.getByTestId('credential-error-token').waitFor();
    const token = `tok-${crypto.randomUUID()}`;
    await page.getByLabel('Token').fill(token);
    await page.getByRole('button', { name: 'Create credential' }).click();
    await page.getByTestId('credential-CRM token').waitFor();
    expect(await page.getByTestId('credential-CRM token').textContent()).toContain('fields: token');
    expect(await page.getByLabel('Token').inputValue()).toBe('');
    expect(await page.content()).not.toContain(token);
    await page.reload();
    await page.getByTestId('credential-CRM token').waitFor();
    expect(await page.content()).not.toContain(token);
    await shot(page, 'settings-credentials.png');

    // Network: a refused entry's message stands beside its line, and nothing is saved.
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Network' }).click();
    await page.getByText('Never set').waitFor();
    await page.getByLabel('Entries, one per line').fill('10.20.0.0/16\n\n127.0.0.1\nbilling.internal:8443');
    await page.getByRole('button', { name: 'Save allow-list' }).click();
    const lineError = page.getByTestId('allow-list-error');
    await lineError.waitFor();
    expect(await lineError.getAttribute('data-line')).toBe('3');
    expect(await lineError.textContent()).toMatch(/^← line 3: "127\.0\.0\.1" is outside/);
    await shot(page, 'settings-network-error.png');
    expect(await graphqlInPage(page, '{ networkAllowList { entries updatedAt } }')).toEqual({ data: { networkAllowList: { entries: [], updatedAt: null } } });
    await page.getByLabel('Entries, one per line').fill('10.20.0.0/16\nBilling.internal:8443\n');
    await page.getByRole('button', { name: 'Save allow-list' }).click();
    await page.getByText('Saved.').waitFor();
    expect(await lineError.count()).toBe(0);
    expect(((await graphqlInPage(page, '{ networkAllowList { entries } }')).data as { networkAllowList: { entries: string[] } }).networkAllowList.entries).toEqual(['10.20.0.0/16', 'billing.internal:8443']);
    await shot(page, 'settings-network.png');

    // Members: the owner invites by email and gets a link to pass on.
    const bobEmail = `bob-${crypto.randomUUID()}@example.com`;
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Members' }).click();
    await page.getByTestId('member-list').waitFor();
    await page.getByLabel('Email to invite').fill(bobEmail);
    await page.getByLabel('Role').selectOption('member');
    await page.getByRole('button', { name: 'Invite' }).click();
    const link = (await page.getByTestId('invitation-link').textContent())!;
    expect(link).toMatch(new RegExp(`^${stack.web.origin}/invitations/[0-9a-f-]+$`));
    await expect.poll(() => page.getByTestId('invitation-list').textContent()).toContain(bobEmail);
    await shot(page, 'settings-members.png');

    // The invitee signs up in another browser context (with a workspace of his own) and accepts.
    const bobWorkspace = `Bob's own ${crypto.randomUUID().slice(0, 6)}`;
    const { context: bobContext, page: bob } = await newSignedInPage(stack, { email: bobEmail, workspace: bobWorkspace, viewport: { width: 1400, height: 900 } });
    await bob.goto(link);
    await expect.poll(() => bob.getByTestId('invitation-summary').textContent()).toContain(ownerWorkspace);
    await shot(bob, 'settings-invitation.png');
    await bob.getByRole('button', { name: 'Accept invitation' }).click();
    await bob.waitForURL(`${stack.web.origin}/settings`);
    await expect.poll(() => bob.getByTestId('workspace-role').textContent()).toBe('member');
    expect(await bob.getByTestId('workspace-name').textContent()).toBe(ownerWorkspace);
    const switcher = bob.getByTestId('workspace-switcher');
    await expect.poll(() => switcher.locator('option').allTextContents()).toEqual(expect.arrayContaining([ownerWorkspace, bobWorkspace]));

    // As a member, Bob cannot make keys: the form is disabled with the reason, and the API agrees.
    await bob.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'API keys' }).click();
    await bob.getByTestId('role-hint').waitFor();
    expect(await bob.getByRole('button', { name: 'Create key' }).isDisabled()).toBe(true);
    expect(await bob.getByTestId('role-hint').textContent()).toContain('your role here is member');
    await shot(bob, 'settings-api-keys-member.png');
    const refused = await graphqlInPage(bob, 'mutation { createApiKey(input: { name: "sneaky" }) { secret } }');
    expect(refused.errors?.[0]?.extensions.code).toBe('FORBIDDEN');

    // The switcher makes his own workspace active again, where he is the owner.
    await Promise.all([bob.waitForEvent('load'), switcher.selectOption({ label: bobWorkspace })]);
    await expect.poll(() => bob.getByTestId('whoami').textContent()).toContain(bobWorkspace);
    expect(await bob.getByRole('button', { name: 'Create key' }).isDisabled()).toBe(false);

    // The owner sees Bob among the members.
    await page.reload();
    await expect.poll(() => page.getByTestId('member-list').textContent()).toContain(bobEmail);
    await bobContext.close();
    await context.close();
  }, 180_000);
});
