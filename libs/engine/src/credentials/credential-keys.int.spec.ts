import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { credentialSecretContext, type CommandMetadata } from '@weft/domain';
import { PgEventStore } from '@weft/event-store';
import { createTestEnv, type TestEnv } from '@weft/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAggregates, type Aggregates } from '../commands/aggregates.js';
import { SecretBox } from '../secrets/secret-box.js';
import { CredentialUnavailableError, loadNodeCredentials } from './credential-loader.js';
import { resealCredentials } from './reseal-credentials.js';

const oldKey = randomBytes(32);
const newKey = randomBytes(32);
const meta = (workspaceId: string): CommandMetadata => ({ commandId: crypto.randomUUID(), now: new Date().toISOString(), workspaceId });

describe('credentials in the worker: workspace-scoped, opened with the configured keys, sealed again after a rotation', () => {
  let env: TestEnv;
  let pool: pg.Pool;
  let aggregates: Aggregates;

  const create = async (box: SecretBox, workspaceId: string, values: Record<string, string>): Promise<string> => {
    const credentialId = crypto.randomUUID();
    const sealed = box.seal(JSON.stringify(values), credentialSecretContext(credentialId));
    await aggregates.credentials.handle({ type: 'CreateCredential', data: { credentialId, name: 'c', credentialType: 'bearer', fields: Object.keys(values), values: sealed }, metadata: meta(workspaceId) });
    return credentialId;
  };
  const refusal = async (work: Promise<unknown>): Promise<Error> => {
    const error = await work.then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(CredentialUnavailableError);
    return error as Error;
  };

  beforeAll(async () => {
    env = await createTestEnv();
    pool = new pg.Pool({ connectionString: env.databaseUrl, max: 4 });
    aggregates = createAggregates(new PgEventStore(pool), new Map());
  });
  afterAll(async () => {
    await pool?.end();
    await env?.cleanup();
  });

  it('opens a credential of the run\'s workspace only, and not once deleted; errors name the id, never the value', async () => {
    const box = new SecretBox([oldKey]);
    const id = await create(box, 'ws-a', { token: 'tok-scoped-1234' });
    expect(await loadNodeCredentials(aggregates.credentials, box, 'ws-a', [id, id])).toEqual({ [id]: { id, type: 'bearer', values: { token: 'tok-scoped-1234' } } });
    const elsewhere = await refusal(loadNodeCredentials(aggregates.credentials, box, 'ws-b', [id]));
    expect(elsewhere.message).toBe(`credential "${id}" does not exist in this workspace (deleted, or never created here)`);
    await aggregates.credentials.handle({ type: 'DeleteCredential', data: { credentialId: id }, metadata: meta('ws-a') });
    await refusal(loadNodeCredentials(aggregates.credentials, box, 'ws-a', [id]));
  });

  it('after a rotation, opens old values with the previous key, seals them again with the new one, then needs the old key no more', async () => {
    const id = await create(new SecretBox([oldKey]), 'ws-r', { token: 'tok-rotate-5678' });
    const withoutOld = await refusal(loadNodeCredentials(aggregates.credentials, new SecretBox([newKey]), 'ws-r', [id]));
    expect(withoutOld.message).toMatch(new RegExp(`^credential "${id}" cannot be opened: no key ".+" is configured`));
    expect(withoutOld.message).not.toContain('tok-rotate');

    const rotated = new SecretBox([newKey, oldKey]);
    expect((await loadNodeCredentials(aggregates.credentials, rotated, 'ws-r', [id]))[id]!.values).toEqual({ token: 'tok-rotate-5678' });
    const first = await resealCredentials({ pool, aggregates, secrets: rotated });
    expect(first.resealed).toBeGreaterThanOrEqual(1);
    expect(await resealCredentials({ pool, aggregates, secrets: rotated })).toMatchObject({ resealed: 0 });
    const { state } = await aggregates.credentials.load(`credential-${id}`);
    expect(state.exists && state.values.keyId).toBe(rotated.currentKeyId);
    expect((await loadNodeCredentials(aggregates.credentials, new SecretBox([newKey]), 'ws-r', [id]))[id]!.values).toEqual({ token: 'tok-rotate-5678' });
  });
});
