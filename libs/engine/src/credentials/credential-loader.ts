import { credentialSecretContext, credentialStreamId, type CredentialState, type CredentialCommand, type CredentialEvent } from '@weft/domain';
import type { NodeCredentials } from '@weft/nodes';
import type { AggregateStore } from '../commands/aggregate-store.js';
import { SecretBoxError, type SecretBox } from '../secrets/secret-box.js';

/**
 * Thrown when a node names a credential it cannot use: not in the run's workspace,
 * deleted, or sealed with a key this worker does not hold. Names the id, never a value.
 */
export class CredentialUnavailableError extends Error {}

type CredentialStore = Pick<AggregateStore<CredentialState, CredentialCommand, CredentialEvent>, 'loadInWorkspace'>;

/**
 * Opens a node attempt's credentials in the worker: read from their streams in the
 * run's workspace (always fresh: a rotation or deletion applies to the next attempt),
 * decrypted with the configured keys, handed to the node and then dropped.
 */
export async function loadNodeCredentials(store: CredentialStore, secrets: SecretBox, workspaceId: string, ids: readonly string[]): Promise<NodeCredentials> {
  const credentials: Record<string, NodeCredentials[string]> = {};
  for (const id of new Set(ids)) {
    const { state } = await store.loadInWorkspace(credentialStreamId(id), workspaceId);
    if (!state.exists || state.deleted) throw new CredentialUnavailableError(`credential "${id}" does not exist in this workspace (deleted, or never created here)`);
    let values: unknown;
    try {
      values = JSON.parse(secrets.open(state.values, credentialSecretContext(id)));
    } catch (error) {
      const reason = error instanceof SecretBoxError ? error.message : 'its values are not readable';
      throw new CredentialUnavailableError(`credential "${id}" cannot be opened: ${reason}`);
    }
    Object.defineProperty(credentials, id, { value: { id, type: state.credentialType, values: Object.freeze({ ...(values as Record<string, string>) }) }, enumerable: true });
  }
  return credentials;
}
