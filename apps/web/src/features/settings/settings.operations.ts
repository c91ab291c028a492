import { gql } from '@urql/core';

/** Typed documents of the settings pages against the checked-in `schema.graphql` (hand-typed: keep them in step). */

export type ApiKeyRole = 'member' | 'admin';
export type ApiKey = { id: string; name: string | null; start: string | null; role: ApiKeyRole; createdAt: string; lastUsedAt: string | null };
export type Credential = { id: string; name: string; type: string; fields: string[]; createdAt: string; updatedAt: string };
export type NetworkAllowList = { entries: string[]; updatedAt: string | null };

export const API_KEYS = gql<{ apiKeys: ApiKey[] }, Record<string, never>>`
  query ApiKeys { apiKeys { id name start role createdAt lastUsedAt } }
`;

export const CREATE_API_KEY = gql<{ createApiKey: { secret: string; apiKey: ApiKey } }, { input: { name: string; role: ApiKeyRole } }>`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) { secret apiKey { id name start role createdAt lastUsedAt } }
  }
`;

export const REVOKE_API_KEY = gql<{ revokeApiKey: { id: string; name: string | null } }, { id: string }>`
  mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id name } }
`;

export const CREDENTIALS = gql<{ credentials: Credential[] }, Record<string, never>>`
  query Credentials { credentials { id name type fields createdAt updatedAt } }
`;

export const CREATE_CREDENTIAL = gql<{ createCredential: Credential }, { input: { name: string; type: string; values: Record<string, string> } }>`
  mutation CreateCredential($input: CreateCredentialInput!) {
    createCredential(input: $input) { id name type fields createdAt updatedAt }
  }
`;

export const REPLACE_CREDENTIAL_VALUES = gql<{ replaceCredentialValues: Credential }, { input: { id: string; values: Record<string, string> } }>`
  mutation ReplaceCredentialValues($input: ReplaceCredentialValuesInput!) {
    replaceCredentialValues(input: $input) { id name type fields createdAt updatedAt }
  }
`;

export const DELETE_CREDENTIAL = gql<{ deleteCredential: { id: string } }, { id: string }>`
  mutation DeleteCredential($id: ID!) { deleteCredential(id: $id) { id } }
`;

export const NETWORK_ALLOW_LIST = gql<{ networkAllowList: NetworkAllowList }, Record<string, never>>`
  query NetworkAllowList { networkAllowList { entries updatedAt } }
`;

export const SET_NETWORK_ALLOW_LIST = gql<{ setNetworkAllowList: NetworkAllowList }, { entries: string[] }>`
  mutation SetNetworkAllowList($entries: [String!]!) { setNetworkAllowList(entries: $entries) { entries updatedAt } }
`;
