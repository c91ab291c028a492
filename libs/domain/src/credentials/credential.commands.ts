import type { Command } from '../shared/command.js';
import type { SealedSecret } from '../shared/sealed-secret.js';

/**
 * `name`, `credentialType` and `fields` are untrusted input: the decider validates them.
 * The values arrive sealed (checked by `checkCredentialValues` before sealing): the
 * decider never sees them in clear, only the names of their fields.
 */
export type CreateCredential = Command<'CreateCredential', { credentialId: string; name: unknown; credentialType: unknown; fields: unknown; values: SealedSecret }>;
export type ReplaceCredentialValues = Command<'ReplaceCredentialValues', { credentialId: string; fields: unknown; values: SealedSecret }>;
export type DeleteCredential = Command<'DeleteCredential', { credentialId: string }>;

export type CredentialCommand = CreateCredential | ReplaceCredentialValues | DeleteCredential;
