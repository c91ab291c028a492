import type { NodeCredential, NodeCredentials } from '../credentials/node-credential.js';
import { NodeExecutionError } from '../node-execution-error.js';

/** The values of the credential a node's `credentialId` names, of type `type` or `generic`; CONFIG (not retryable) otherwise. */
export function credentialValues(credentials: NodeCredentials, credentialId: string, type: NodeCredential['type']): Readonly<Record<string, string>> {
  const credential = credentials[credentialId];
  if (!credential) throw new NodeExecutionError('CONFIG', `credential "${credentialId}" was not loaded for this node`, false, { field: 'credentialId' });
  if (credential.type !== type && credential.type !== 'generic') throw new NodeExecutionError('CONFIG', `credential "${credentialId}" is a ${credential.type} credential: this node needs a ${type} (or generic) one`, false, { field: 'credentialId' });
  return credential.values;
}

/** A port from a credential value; CONFIG naming the field (never the value) when it is not one. */
export function credentialPort(value: string | undefined, fallback: number, credentialId: string): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65_535) throw new NodeExecutionError('CONFIG', `credential "${credentialId}": "port" is not a port number`, false, { field: 'credentialId' });
  return port;
}

/** `"true"`, `"1"`, `"yes"` (any case) are true; anything else, or nothing, false. */
export const credentialFlag = (value: string | undefined): boolean => value !== undefined && /^(true|1|yes|on)$/i.test(value.trim());

/** The credential id named by a stored config's `credentialId`, for `NodeDefinition.credentials`. */
export const configCredentialIds = (config: Readonly<Record<string, unknown>>): readonly string[] =>
  typeof config.credentialId === 'string' && config.credentialId !== '' ? [config.credentialId] : [];
