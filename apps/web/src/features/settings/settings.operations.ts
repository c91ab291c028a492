import { graphql } from '@/gql';
import type { ApiKeyRole } from '@/gql/graphql';

/**
 * Documents of the settings pages; their types are generated from `schema.graphql` (`npm run codegen`).
 * A list and the mutations that answer one of its rows share the row's fragment.
 */

export type { ApiKeyRole };

export const API_KEY_ROW = graphql(`
  fragment ApiKeyRow on ApiKey { id name start role createdAt lastUsedAt }
`);

export const CREDENTIAL_ROW = graphql(`
  fragment CredentialRow on Credential { id name type fields createdAt updatedAt }
`);

export const API_KEYS = graphql(`
  query ApiKeys { apiKeys { ...ApiKeyRow } }
`);

export const CREATE_API_KEY = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) { secret apiKey { ...ApiKeyRow } }
  }
`);

export const REVOKE_API_KEY = graphql(`
  mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id name } }
`);

export const CREDENTIALS = graphql(`
  query Credentials { credentials { ...CredentialRow } }
`);

export const CREATE_CREDENTIAL = graphql(`
  mutation CreateCredential($input: CreateCredentialInput!) {
    createCredential(input: $input) { ...CredentialRow }
  }
`);

export const REPLACE_CREDENTIAL_VALUES = graphql(`
  mutation ReplaceCredentialValues($input: ReplaceCredentialValuesInput!) {
    replaceCredentialValues(input: $input) { ...CredentialRow }
  }
`);

export const DELETE_CREDENTIAL = graphql(`
  mutation DeleteCredential($id: ID!) { deleteCredential(id: $id) { id } }
`);

export const NETWORK_ALLOW_LIST = graphql(`
  query NetworkAllowList { networkAllowList { entries updatedAt } }
`);

export const SET_NETWORK_ALLOW_LIST = graphql(`
  mutation SetNetworkAllowList($entries: [String!]!) { setNetworkAllowList(entries: $entries) { entries updatedAt } }
`);
