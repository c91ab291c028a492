import type pg from 'pg';
import { CREDENTIAL_STREAM_TYPE, credentialSecretContext } from '@weft/domain';
import type { Aggregates } from '../commands/aggregates.js';
import type { SecretBox } from '../secrets/secret-box.js';

export type ResealSummary = { resealed: number; alreadyCurrent: number };

/**
 * After a key rotation: seals every live credential still sealed with an older key again
 * with the current one (a `credential.values_replaced` with the same values). Values are
 * only ever in this process's memory. Safe to run again, and while Weft runs: once it
 * reports nothing left, the previous keys can leave WEFT_SECRETS_PREVIOUS_KEYS.
 */
export async function resealCredentials(deps: { pool: pg.Pool; aggregates: Pick<Aggregates, 'credentials'>; secrets: SecretBox; now?: () => Date }): Promise<ResealSummary> {
  const now = deps.now ?? (() => new Date());
  const { rows } = await deps.pool.query<{ stream_id: string; workspace_id: string }>('SELECT stream_id, workspace_id FROM streams WHERE stream_type = $1 AND NOT closed ORDER BY stream_id', [
    CREDENTIAL_STREAM_TYPE,
  ]);
  const summary: ResealSummary = { resealed: 0, alreadyCurrent: 0 };
  for (const row of rows) {
    const { state } = await deps.aggregates.credentials.loadInWorkspace(row.stream_id, row.workspace_id);
    if (!state.exists || state.deleted) continue;
    if (state.values.keyId === deps.secrets.currentKeyId) {
      summary.alreadyCurrent += 1;
      continue;
    }
    const context = credentialSecretContext(state.credentialId);
    const values = deps.secrets.seal(deps.secrets.open(state.values, context), context);
    await deps.aggregates.credentials.handle({
      type: 'ReplaceCredentialValues',
      data: { credentialId: state.credentialId, fields: state.fields, values },
      metadata: { commandId: `reseal:${state.credentialId}:${state.values.keyId}:${state.values.iv}`, now: now().toISOString(), workspaceId: row.workspace_id, actorId: 'system:reseal-credentials' },
    });
    summary.resealed += 1;
  }
  return summary;
}
