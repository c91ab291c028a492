import type { SealedSecret } from '../shared/sealed-secret.js';
import type { CredentialEvent, CredentialType } from './credential.events.js';

export type CredentialState =
  | { exists: false }
  | {
      exists: true;
      credentialId: string;
      name: string;
      credentialType: CredentialType;
      fields: string[];
      values: SealedSecret;
      createdAt: string;
      updatedAt: string;
      deleted: boolean;
    };

export const initialCredentialState = (): CredentialState => ({ exists: false });

export function evolveCredential(state: CredentialState, event: CredentialEvent): CredentialState {
  switch (event.type) {
    case 'credential.created': {
      const { createdAt, ...rest } = event.data;
      return { exists: true, ...rest, createdAt, updatedAt: createdAt, deleted: false };
    }
    case 'credential.values_replaced':
      return state.exists ? { ...state, fields: event.data.fields, values: event.data.values, updatedAt: event.data.replacedAt } : state;
    case 'credential.deleted':
      return state.exists ? { ...state, deleted: true, updatedAt: event.data.deletedAt } : state;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
