import type { CredentialState } from '@weft/domain';
import type { Credential } from './credential.types.js';

export type ExistingCredential = Extract<CredentialState, { exists: true }>;

/** The credential as the API shows it: never its values, sealed or not. */
export const credentialFromState = (state: ExistingCredential): Credential => ({
  id: state.credentialId,
  name: state.name,
  type: state.credentialType,
  fields: [...state.fields],
  createdAt: new Date(state.createdAt),
  updatedAt: new Date(state.updatedAt),
});
