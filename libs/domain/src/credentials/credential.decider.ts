import type { Decider } from '../shared/command.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../shared/errors.js';
import { isSealedSecret, type SealedSecret } from '../shared/sealed-secret.js';
import type { CredentialCommand } from './credential.commands.js';
import type { CredentialEvent } from './credential.events.js';
import { evolveCredential, initialCredentialState, type CredentialState } from './credential.state.js';
import { checkCredentialFields, checkCredentialType, MAX_CREDENTIAL_NAME_LENGTH } from './credential-values.js';

/**
 * A workspace's credential: a name, a type and values that only ever appear sealed.
 * Its values can be replaced (rotation); once deleted, it is gone for good.
 */
export function createCredentialDecider(): Decider<CredentialState, CredentialCommand, CredentialEvent> {
  return {
    initialState: initialCredentialState,
    evolve: evolveCredential,
    decide(command, state) {
      const { credentialId } = command.data;
      const now = command.metadata.now;
      switch (command.type) {
        case 'CreateCredential': {
          if (state.exists) throw new ConflictError(`credential "${credentialId}" already exists`);
          const name = checkName(command.data.name);
          const credentialType = checkCredentialType(command.data.credentialType);
          const fields = checkCredentialFields(credentialType, command.data.fields);
          return [{ type: 'credential.created', data: { credentialId, name, credentialType, fields, values: checkSealed(command.data.values), createdAt: now } }];
        }
        case 'ReplaceCredentialValues': {
          if (!state.exists || state.deleted) throw new NotFoundError('credential', credentialId);
          const fields = checkCredentialFields(state.credentialType, command.data.fields);
          return [{ type: 'credential.values_replaced', data: { credentialId, fields, values: checkSealed(command.data.values), replacedAt: now } }];
        }
        case 'DeleteCredential': {
          if (!state.exists || state.deleted) throw new NotFoundError('credential', credentialId);
          return [{ type: 'credential.deleted', data: { credentialId, deletedAt: now } }];
        }
        default: {
          const _exhaustive: never = command;
          return _exhaustive;
        }
      }
    },
  };
}

function checkName(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidInputError('name', 'is required');
  if (value.length > MAX_CREDENTIAL_NAME_LENGTH) throw new InvalidInputError('name', `at most ${MAX_CREDENTIAL_NAME_LENGTH} characters, got ${value.length}`);
  return value.trim();
}

function checkSealed(values: SealedSecret): SealedSecret {
  if (!isSealedSecret(values)) throw new InvalidInputError('values', 'must be sealed before they reach an event');
  return values;
}
