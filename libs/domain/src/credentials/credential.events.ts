import type { SealedSecret } from '../shared/sealed-secret.js';

export const CREDENTIAL_TYPES = ['bearer', 'basic', 'header', 'oauth2', 'smtp', 'postgres', 'generic'] as const;
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];

/**
 * A workspace stored a credential. `values` is the JSON object of its values, sealed:
 * no event ever holds a value in clear. `fields` are the names of those values.
 */
export type CredentialCreated = {
  type: 'credential.created';
  data: { credentialId: string; name: string; credentialType: CredentialType; fields: string[]; values: SealedSecret; createdAt: string };
};
/** Its values were replaced (rotated, or sealed again with a newer key); runs started later use the new ones. */
export type CredentialValuesReplaced = { type: 'credential.values_replaced'; data: { credentialId: string; fields: string[]; values: SealedSecret; replacedAt: string } };
/** Nodes that name it fail from now on; its stream is closed. */
export type CredentialDeleted = { type: 'credential.deleted'; data: { credentialId: string; deletedAt: string } };

export type CredentialEvent = CredentialCreated | CredentialValuesReplaced | CredentialDeleted;

export const CREDENTIAL_STREAM_TYPE = 'credential';
export const credentialStreamId = (credentialId: string): string => `credential-${credentialId}`;
/** What a credential's sealed values are bound to: sealed values moved to another credential do not open. */
export const credentialSecretContext = (credentialId: string): string => `credential:${credentialId}`;
