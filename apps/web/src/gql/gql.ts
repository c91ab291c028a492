/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment RunBucketCounts on RunBucket { start succeeded failed cancelled active }\n": typeof types.RunBucketCountsFragmentDoc,
    "\n  query Dashboard($hours: Int!) {\n    dashboard(hours: $hours) {\n      since\n      runsPerHour { ...RunBucketCounts }\n      durations { workflowId workflowName runs p50Ms p95Ms }\n      failureHotspots { workflowId workflowName nodeId nodeType failures }\n    }\n  }\n": typeof types.DashboardDocument,
    "\n  fragment RunStatsSparkline on WorkflowRunStats { runs succeeded failed cancelled successRate days { ...RunBucketCounts } }\n": typeof types.RunStatsSparklineFragmentDoc,
    "\n  query WorkflowRunStats($days: Int! = 14) {\n    workflows(first: 100) { nodes { id runStats(days: $days) { ...RunStatsSparkline } } }\n  }\n": typeof types.WorkflowRunStatsDocument,
    "\n  subscription MonitorRunEvents($runId: ID!) {\n    runEvents(runId: $runId) { runId type version at nodeId attempt status output error branch data }\n  }\n": typeof types.MonitorRunEventsDocument,
    "\n  fragment RunRow on Run { id workflowId workflowVersion status startedAt finishedAt trigger rerunOf }\n": typeof types.RunRowFragmentDoc,
    "\n  query Runs($first: Int!, $after: String, $workflowId: ID, $status: RunStatus, $startedAfter: DateTime) {\n    runs(first: $first, after: $after, workflowId: $workflowId, status: $status, startedAfter: $startedAfter) {\n      nodes { ...RunRow }\n      pageInfo { endCursor hasNextPage }\n    }\n  }\n": typeof types.RunsDocument,
    "\n  subscription RunChanges($workflowId: ID) {\n    runChanges(workflowId: $workflowId) { ...RunRow }\n  }\n": typeof types.RunChangesDocument,
    "\n  query WorkflowOptions { workflows(first: 100, includeArchived: true) { nodes { id name archived } } }\n": typeof types.WorkflowOptionsDocument,
    "\n  fragment ApiKeyRow on ApiKey { id name start role createdAt lastUsedAt }\n": typeof types.ApiKeyRowFragmentDoc,
    "\n  fragment CredentialRow on Credential { id name type fields createdAt updatedAt }\n": typeof types.CredentialRowFragmentDoc,
    "\n  query ApiKeys { apiKeys { ...ApiKeyRow } }\n": typeof types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { secret apiKey { ...ApiKeyRow } }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id name } }\n": typeof types.RevokeApiKeyDocument,
    "\n  query Credentials { credentials { ...CredentialRow } }\n": typeof types.CredentialsDocument,
    "\n  mutation CreateCredential($input: CreateCredentialInput!) {\n    createCredential(input: $input) { ...CredentialRow }\n  }\n": typeof types.CreateCredentialDocument,
    "\n  mutation ReplaceCredentialValues($input: ReplaceCredentialValuesInput!) {\n    replaceCredentialValues(input: $input) { ...CredentialRow }\n  }\n": typeof types.ReplaceCredentialValuesDocument,
    "\n  mutation DeleteCredential($id: ID!) { deleteCredential(id: $id) { id } }\n": typeof types.DeleteCredentialDocument,
    "\n  query NetworkAllowList { networkAllowList { entries updatedAt } }\n": typeof types.NetworkAllowListDocument,
    "\n  mutation SetNetworkAllowList($entries: [String!]!) { setNetworkAllowList(entries: $entries) { entries updatedAt } }\n": typeof types.SetNetworkAllowListDocument,
    "\n  query WorkflowTriggers($id: ID!) { workflow(id: $id) { id latestVersion archived triggers } }\n": typeof types.WorkflowTriggersDocument,
    "\n  fragment WebhookSecretShown on WebhookSecret { triggerId url signingSecret }\n": typeof types.WebhookSecretShownFragmentDoc,
    "\n  mutation SetWorkflowTriggers($workflowId: ID!, $triggers: JSON!) {\n    setWorkflowTriggers(workflowId: $workflowId, triggers: $triggers) { id triggers newWebhookSecrets { ...WebhookSecretShown } }\n  }\n": typeof types.SetWorkflowTriggersDocument,
    "\n  mutation SetTriggerPaused($workflowId: ID!, $triggerId: String!, $paused: Boolean!) {\n    setTriggerPaused(workflowId: $workflowId, triggerId: $triggerId, paused: $paused) { id triggers }\n  }\n": typeof types.SetTriggerPausedDocument,
    "\n  mutation RotateWebhookSecret($workflowId: ID!, $triggerId: String!) {\n    rotateWebhookSecret(workflowId: $workflowId, triggerId: $triggerId) { ...WebhookSecretShown }\n  }\n": typeof types.RotateWebhookSecretDocument,
    "\n  query CronPreview($expression: String!, $timezone: String!, $count: Int!) { cronPreview(expression: $expression, timezone: $timezone, count: $count) }\n": typeof types.CronPreviewDocument,
    "\n  query WorkflowVersions($id: ID!) {\n    workflow(id: $id) { id versions { version publishedAt } audit(first: 100) { nodes { action at detail actor { kind name } } } }\n  }\n": typeof types.WorkflowVersionsDocument,
    "\n  fragment DiffEdgeEnds on DiffEdge { id source target sourceHandle }\n": typeof types.DiffEdgeEndsFragmentDoc,
    "\n  query WorkflowVersionDiff($id: ID!, $from: Int!, $to: Int!) {\n    workflowVersionDiff(workflowId: $id, from: $from, to: $to) {\n      settingsChanged\n      nodes { added { id type name node } removed { id type name node } changed { id fields before after } }\n      edges {\n        added { ...DiffEdgeEnds }\n        removed { ...DiffEdgeEnds }\n        changed { id fields before { ...DiffEdgeEnds } after { ...DiffEdgeEnds } }\n      }\n    }\n    to: workflowVersion(workflowId: $id, version: $to) { graph }\n  }\n": typeof types.WorkflowVersionDiffDocument,
    "\n  query Me { me { kind email workspaceId workspaceName role } }\n": typeof types.MeDocument,
    "\n  query Workflows {\n    workflows(first: 100) { nodes { id name archived latestVersion updatedAt } }\n    runs(first: 100) { nodes { id workflowId status startedAt finishedAt } }\n  }\n": typeof types.WorkflowsDocument,
    "\n  mutation CreateWorkflow($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }\n": typeof types.CreateWorkflowDocument,
    "\n  query WorkflowEditor($id: ID!) {\n    workflow(id: $id) { id name draft draftRevision latestVersion archived }\n    nodeTypes { type title description category configSchema configSchemaNote branches branchesNote }\n  }\n": typeof types.WorkflowEditorDocument,
    "\n  mutation UpdateDraft($input: UpdateWorkflowDraftInput!) { updateWorkflowDraft(input: $input) { id draftRevision } }\n": typeof types.UpdateDraftDocument,
    "\n  mutation Publish($id: ID!) { publishWorkflow(id: $id) { version } }\n": typeof types.PublishDocument,
    "\n  mutation StartRun($input: StartRunInput!) { startRun(input: $input) { id } }\n": typeof types.StartRunDocument,
    "\n  mutation Rerun($input: RerunRunInput!) { rerunRun(input: $input) { id } }\n": typeof types.RerunDocument,
    "\n  subscription RunEvents($runId: ID!) {\n    runEvents(runId: $runId) { runId type version nodeId attempt status output error branch data }\n  }\n": typeof types.RunEventsDocument,
    "\n  mutation CancelRun($id: ID!) { cancelRun(id: $id) { id status } }\n": typeof types.CancelRunDocument,
    "\n  mutation ResolveApproval($input: ResolveApprovalInput!) { resolveApproval(input: $input) { id } }\n": typeof types.ResolveApprovalDocument,
};
const documents: Documents = {
    "\n  fragment RunBucketCounts on RunBucket { start succeeded failed cancelled active }\n": types.RunBucketCountsFragmentDoc,
    "\n  query Dashboard($hours: Int!) {\n    dashboard(hours: $hours) {\n      since\n      runsPerHour { ...RunBucketCounts }\n      durations { workflowId workflowName runs p50Ms p95Ms }\n      failureHotspots { workflowId workflowName nodeId nodeType failures }\n    }\n  }\n": types.DashboardDocument,
    "\n  fragment RunStatsSparkline on WorkflowRunStats { runs succeeded failed cancelled successRate days { ...RunBucketCounts } }\n": types.RunStatsSparklineFragmentDoc,
    "\n  query WorkflowRunStats($days: Int! = 14) {\n    workflows(first: 100) { nodes { id runStats(days: $days) { ...RunStatsSparkline } } }\n  }\n": types.WorkflowRunStatsDocument,
    "\n  subscription MonitorRunEvents($runId: ID!) {\n    runEvents(runId: $runId) { runId type version at nodeId attempt status output error branch data }\n  }\n": types.MonitorRunEventsDocument,
    "\n  fragment RunRow on Run { id workflowId workflowVersion status startedAt finishedAt trigger rerunOf }\n": types.RunRowFragmentDoc,
    "\n  query Runs($first: Int!, $after: String, $workflowId: ID, $status: RunStatus, $startedAfter: DateTime) {\n    runs(first: $first, after: $after, workflowId: $workflowId, status: $status, startedAfter: $startedAfter) {\n      nodes { ...RunRow }\n      pageInfo { endCursor hasNextPage }\n    }\n  }\n": types.RunsDocument,
    "\n  subscription RunChanges($workflowId: ID) {\n    runChanges(workflowId: $workflowId) { ...RunRow }\n  }\n": types.RunChangesDocument,
    "\n  query WorkflowOptions { workflows(first: 100, includeArchived: true) { nodes { id name archived } } }\n": types.WorkflowOptionsDocument,
    "\n  fragment ApiKeyRow on ApiKey { id name start role createdAt lastUsedAt }\n": types.ApiKeyRowFragmentDoc,
    "\n  fragment CredentialRow on Credential { id name type fields createdAt updatedAt }\n": types.CredentialRowFragmentDoc,
    "\n  query ApiKeys { apiKeys { ...ApiKeyRow } }\n": types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { secret apiKey { ...ApiKeyRow } }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id name } }\n": types.RevokeApiKeyDocument,
    "\n  query Credentials { credentials { ...CredentialRow } }\n": types.CredentialsDocument,
    "\n  mutation CreateCredential($input: CreateCredentialInput!) {\n    createCredential(input: $input) { ...CredentialRow }\n  }\n": types.CreateCredentialDocument,
    "\n  mutation ReplaceCredentialValues($input: ReplaceCredentialValuesInput!) {\n    replaceCredentialValues(input: $input) { ...CredentialRow }\n  }\n": types.ReplaceCredentialValuesDocument,
    "\n  mutation DeleteCredential($id: ID!) { deleteCredential(id: $id) { id } }\n": types.DeleteCredentialDocument,
    "\n  query NetworkAllowList { networkAllowList { entries updatedAt } }\n": types.NetworkAllowListDocument,
    "\n  mutation SetNetworkAllowList($entries: [String!]!) { setNetworkAllowList(entries: $entries) { entries updatedAt } }\n": types.SetNetworkAllowListDocument,
    "\n  query WorkflowTriggers($id: ID!) { workflow(id: $id) { id latestVersion archived triggers } }\n": types.WorkflowTriggersDocument,
    "\n  fragment WebhookSecretShown on WebhookSecret { triggerId url signingSecret }\n": types.WebhookSecretShownFragmentDoc,
    "\n  mutation SetWorkflowTriggers($workflowId: ID!, $triggers: JSON!) {\n    setWorkflowTriggers(workflowId: $workflowId, triggers: $triggers) { id triggers newWebhookSecrets { ...WebhookSecretShown } }\n  }\n": types.SetWorkflowTriggersDocument,
    "\n  mutation SetTriggerPaused($workflowId: ID!, $triggerId: String!, $paused: Boolean!) {\n    setTriggerPaused(workflowId: $workflowId, triggerId: $triggerId, paused: $paused) { id triggers }\n  }\n": types.SetTriggerPausedDocument,
    "\n  mutation RotateWebhookSecret($workflowId: ID!, $triggerId: String!) {\n    rotateWebhookSecret(workflowId: $workflowId, triggerId: $triggerId) { ...WebhookSecretShown }\n  }\n": types.RotateWebhookSecretDocument,
    "\n  query CronPreview($expression: String!, $timezone: String!, $count: Int!) { cronPreview(expression: $expression, timezone: $timezone, count: $count) }\n": types.CronPreviewDocument,
    "\n  query WorkflowVersions($id: ID!) {\n    workflow(id: $id) { id versions { version publishedAt } audit(first: 100) { nodes { action at detail actor { kind name } } } }\n  }\n": types.WorkflowVersionsDocument,
    "\n  fragment DiffEdgeEnds on DiffEdge { id source target sourceHandle }\n": types.DiffEdgeEndsFragmentDoc,
    "\n  query WorkflowVersionDiff($id: ID!, $from: Int!, $to: Int!) {\n    workflowVersionDiff(workflowId: $id, from: $from, to: $to) {\n      settingsChanged\n      nodes { added { id type name node } removed { id type name node } changed { id fields before after } }\n      edges {\n        added { ...DiffEdgeEnds }\n        removed { ...DiffEdgeEnds }\n        changed { id fields before { ...DiffEdgeEnds } after { ...DiffEdgeEnds } }\n      }\n    }\n    to: workflowVersion(workflowId: $id, version: $to) { graph }\n  }\n": types.WorkflowVersionDiffDocument,
    "\n  query Me { me { kind email workspaceId workspaceName role } }\n": types.MeDocument,
    "\n  query Workflows {\n    workflows(first: 100) { nodes { id name archived latestVersion updatedAt } }\n    runs(first: 100) { nodes { id workflowId status startedAt finishedAt } }\n  }\n": types.WorkflowsDocument,
    "\n  mutation CreateWorkflow($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }\n": types.CreateWorkflowDocument,
    "\n  query WorkflowEditor($id: ID!) {\n    workflow(id: $id) { id name draft draftRevision latestVersion archived }\n    nodeTypes { type title description category configSchema configSchemaNote branches branchesNote }\n  }\n": types.WorkflowEditorDocument,
    "\n  mutation UpdateDraft($input: UpdateWorkflowDraftInput!) { updateWorkflowDraft(input: $input) { id draftRevision } }\n": types.UpdateDraftDocument,
    "\n  mutation Publish($id: ID!) { publishWorkflow(id: $id) { version } }\n": types.PublishDocument,
    "\n  mutation StartRun($input: StartRunInput!) { startRun(input: $input) { id } }\n": types.StartRunDocument,
    "\n  mutation Rerun($input: RerunRunInput!) { rerunRun(input: $input) { id } }\n": types.RerunDocument,
    "\n  subscription RunEvents($runId: ID!) {\n    runEvents(runId: $runId) { runId type version nodeId attempt status output error branch data }\n  }\n": types.RunEventsDocument,
    "\n  mutation CancelRun($id: ID!) { cancelRun(id: $id) { id status } }\n": types.CancelRunDocument,
    "\n  mutation ResolveApproval($input: ResolveApprovalInput!) { resolveApproval(input: $input) { id } }\n": types.ResolveApprovalDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunBucketCounts on RunBucket { start succeeded failed cancelled active }\n"): (typeof documents)["\n  fragment RunBucketCounts on RunBucket { start succeeded failed cancelled active }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard($hours: Int!) {\n    dashboard(hours: $hours) {\n      since\n      runsPerHour { ...RunBucketCounts }\n      durations { workflowId workflowName runs p50Ms p95Ms }\n      failureHotspots { workflowId workflowName nodeId nodeType failures }\n    }\n  }\n"): (typeof documents)["\n  query Dashboard($hours: Int!) {\n    dashboard(hours: $hours) {\n      since\n      runsPerHour { ...RunBucketCounts }\n      durations { workflowId workflowName runs p50Ms p95Ms }\n      failureHotspots { workflowId workflowName nodeId nodeType failures }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunStatsSparkline on WorkflowRunStats { runs succeeded failed cancelled successRate days { ...RunBucketCounts } }\n"): (typeof documents)["\n  fragment RunStatsSparkline on WorkflowRunStats { runs succeeded failed cancelled successRate days { ...RunBucketCounts } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkflowRunStats($days: Int! = 14) {\n    workflows(first: 100) { nodes { id runStats(days: $days) { ...RunStatsSparkline } } }\n  }\n"): (typeof documents)["\n  query WorkflowRunStats($days: Int! = 14) {\n    workflows(first: 100) { nodes { id runStats(days: $days) { ...RunStatsSparkline } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MonitorRunEvents($runId: ID!) {\n    runEvents(runId: $runId) { runId type version at nodeId attempt status output error branch data }\n  }\n"): (typeof documents)["\n  subscription MonitorRunEvents($runId: ID!) {\n    runEvents(runId: $runId) { runId type version at nodeId attempt status output error branch data }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunRow on Run { id workflowId workflowVersion status startedAt finishedAt trigger rerunOf }\n"): (typeof documents)["\n  fragment RunRow on Run { id workflowId workflowVersion status startedAt finishedAt trigger rerunOf }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Runs($first: Int!, $after: String, $workflowId: ID, $status: RunStatus, $startedAfter: DateTime) {\n    runs(first: $first, after: $after, workflowId: $workflowId, status: $status, startedAfter: $startedAfter) {\n      nodes { ...RunRow }\n      pageInfo { endCursor hasNextPage }\n    }\n  }\n"): (typeof documents)["\n  query Runs($first: Int!, $after: String, $workflowId: ID, $status: RunStatus, $startedAfter: DateTime) {\n    runs(first: $first, after: $after, workflowId: $workflowId, status: $status, startedAfter: $startedAfter) {\n      nodes { ...RunRow }\n      pageInfo { endCursor hasNextPage }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RunChanges($workflowId: ID) {\n    runChanges(workflowId: $workflowId) { ...RunRow }\n  }\n"): (typeof documents)["\n  subscription RunChanges($workflowId: ID) {\n    runChanges(workflowId: $workflowId) { ...RunRow }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkflowOptions { workflows(first: 100, includeArchived: true) { nodes { id name archived } } }\n"): (typeof documents)["\n  query WorkflowOptions { workflows(first: 100, includeArchived: true) { nodes { id name archived } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiKeyRow on ApiKey { id name start role createdAt lastUsedAt }\n"): (typeof documents)["\n  fragment ApiKeyRow on ApiKey { id name start role createdAt lastUsedAt }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CredentialRow on Credential { id name type fields createdAt updatedAt }\n"): (typeof documents)["\n  fragment CredentialRow on Credential { id name type fields createdAt updatedAt }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeys { apiKeys { ...ApiKeyRow } }\n"): (typeof documents)["\n  query ApiKeys { apiKeys { ...ApiKeyRow } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { secret apiKey { ...ApiKeyRow } }\n  }\n"): (typeof documents)["\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { secret apiKey { ...ApiKeyRow } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id name } }\n"): (typeof documents)["\n  mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id name } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Credentials { credentials { ...CredentialRow } }\n"): (typeof documents)["\n  query Credentials { credentials { ...CredentialRow } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCredential($input: CreateCredentialInput!) {\n    createCredential(input: $input) { ...CredentialRow }\n  }\n"): (typeof documents)["\n  mutation CreateCredential($input: CreateCredentialInput!) {\n    createCredential(input: $input) { ...CredentialRow }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplaceCredentialValues($input: ReplaceCredentialValuesInput!) {\n    replaceCredentialValues(input: $input) { ...CredentialRow }\n  }\n"): (typeof documents)["\n  mutation ReplaceCredentialValues($input: ReplaceCredentialValuesInput!) {\n    replaceCredentialValues(input: $input) { ...CredentialRow }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteCredential($id: ID!) { deleteCredential(id: $id) { id } }\n"): (typeof documents)["\n  mutation DeleteCredential($id: ID!) { deleteCredential(id: $id) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NetworkAllowList { networkAllowList { entries updatedAt } }\n"): (typeof documents)["\n  query NetworkAllowList { networkAllowList { entries updatedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetNetworkAllowList($entries: [String!]!) { setNetworkAllowList(entries: $entries) { entries updatedAt } }\n"): (typeof documents)["\n  mutation SetNetworkAllowList($entries: [String!]!) { setNetworkAllowList(entries: $entries) { entries updatedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkflowTriggers($id: ID!) { workflow(id: $id) { id latestVersion archived triggers } }\n"): (typeof documents)["\n  query WorkflowTriggers($id: ID!) { workflow(id: $id) { id latestVersion archived triggers } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebhookSecretShown on WebhookSecret { triggerId url signingSecret }\n"): (typeof documents)["\n  fragment WebhookSecretShown on WebhookSecret { triggerId url signingSecret }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetWorkflowTriggers($workflowId: ID!, $triggers: JSON!) {\n    setWorkflowTriggers(workflowId: $workflowId, triggers: $triggers) { id triggers newWebhookSecrets { ...WebhookSecretShown } }\n  }\n"): (typeof documents)["\n  mutation SetWorkflowTriggers($workflowId: ID!, $triggers: JSON!) {\n    setWorkflowTriggers(workflowId: $workflowId, triggers: $triggers) { id triggers newWebhookSecrets { ...WebhookSecretShown } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetTriggerPaused($workflowId: ID!, $triggerId: String!, $paused: Boolean!) {\n    setTriggerPaused(workflowId: $workflowId, triggerId: $triggerId, paused: $paused) { id triggers }\n  }\n"): (typeof documents)["\n  mutation SetTriggerPaused($workflowId: ID!, $triggerId: String!, $paused: Boolean!) {\n    setTriggerPaused(workflowId: $workflowId, triggerId: $triggerId, paused: $paused) { id triggers }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateWebhookSecret($workflowId: ID!, $triggerId: String!) {\n    rotateWebhookSecret(workflowId: $workflowId, triggerId: $triggerId) { ...WebhookSecretShown }\n  }\n"): (typeof documents)["\n  mutation RotateWebhookSecret($workflowId: ID!, $triggerId: String!) {\n    rotateWebhookSecret(workflowId: $workflowId, triggerId: $triggerId) { ...WebhookSecretShown }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CronPreview($expression: String!, $timezone: String!, $count: Int!) { cronPreview(expression: $expression, timezone: $timezone, count: $count) }\n"): (typeof documents)["\n  query CronPreview($expression: String!, $timezone: String!, $count: Int!) { cronPreview(expression: $expression, timezone: $timezone, count: $count) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkflowVersions($id: ID!) {\n    workflow(id: $id) { id versions { version publishedAt } audit(first: 100) { nodes { action at detail actor { kind name } } } }\n  }\n"): (typeof documents)["\n  query WorkflowVersions($id: ID!) {\n    workflow(id: $id) { id versions { version publishedAt } audit(first: 100) { nodes { action at detail actor { kind name } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DiffEdgeEnds on DiffEdge { id source target sourceHandle }\n"): (typeof documents)["\n  fragment DiffEdgeEnds on DiffEdge { id source target sourceHandle }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkflowVersionDiff($id: ID!, $from: Int!, $to: Int!) {\n    workflowVersionDiff(workflowId: $id, from: $from, to: $to) {\n      settingsChanged\n      nodes { added { id type name node } removed { id type name node } changed { id fields before after } }\n      edges {\n        added { ...DiffEdgeEnds }\n        removed { ...DiffEdgeEnds }\n        changed { id fields before { ...DiffEdgeEnds } after { ...DiffEdgeEnds } }\n      }\n    }\n    to: workflowVersion(workflowId: $id, version: $to) { graph }\n  }\n"): (typeof documents)["\n  query WorkflowVersionDiff($id: ID!, $from: Int!, $to: Int!) {\n    workflowVersionDiff(workflowId: $id, from: $from, to: $to) {\n      settingsChanged\n      nodes { added { id type name node } removed { id type name node } changed { id fields before after } }\n      edges {\n        added { ...DiffEdgeEnds }\n        removed { ...DiffEdgeEnds }\n        changed { id fields before { ...DiffEdgeEnds } after { ...DiffEdgeEnds } }\n      }\n    }\n    to: workflowVersion(workflowId: $id, version: $to) { graph }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me { me { kind email workspaceId workspaceName role } }\n"): (typeof documents)["\n  query Me { me { kind email workspaceId workspaceName role } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Workflows {\n    workflows(first: 100) { nodes { id name archived latestVersion updatedAt } }\n    runs(first: 100) { nodes { id workflowId status startedAt finishedAt } }\n  }\n"): (typeof documents)["\n  query Workflows {\n    workflows(first: 100) { nodes { id name archived latestVersion updatedAt } }\n    runs(first: 100) { nodes { id workflowId status startedAt finishedAt } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWorkflow($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }\n"): (typeof documents)["\n  mutation CreateWorkflow($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkflowEditor($id: ID!) {\n    workflow(id: $id) { id name draft draftRevision latestVersion archived }\n    nodeTypes { type title description category configSchema configSchemaNote branches branchesNote }\n  }\n"): (typeof documents)["\n  query WorkflowEditor($id: ID!) {\n    workflow(id: $id) { id name draft draftRevision latestVersion archived }\n    nodeTypes { type title description category configSchema configSchemaNote branches branchesNote }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateDraft($input: UpdateWorkflowDraftInput!) { updateWorkflowDraft(input: $input) { id draftRevision } }\n"): (typeof documents)["\n  mutation UpdateDraft($input: UpdateWorkflowDraftInput!) { updateWorkflowDraft(input: $input) { id draftRevision } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Publish($id: ID!) { publishWorkflow(id: $id) { version } }\n"): (typeof documents)["\n  mutation Publish($id: ID!) { publishWorkflow(id: $id) { version } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartRun($input: StartRunInput!) { startRun(input: $input) { id } }\n"): (typeof documents)["\n  mutation StartRun($input: StartRunInput!) { startRun(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Rerun($input: RerunRunInput!) { rerunRun(input: $input) { id } }\n"): (typeof documents)["\n  mutation Rerun($input: RerunRunInput!) { rerunRun(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RunEvents($runId: ID!) {\n    runEvents(runId: $runId) { runId type version nodeId attempt status output error branch data }\n  }\n"): (typeof documents)["\n  subscription RunEvents($runId: ID!) {\n    runEvents(runId: $runId) { runId type version nodeId attempt status output error branch data }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelRun($id: ID!) { cancelRun(id: $id) { id status } }\n"): (typeof documents)["\n  mutation CancelRun($id: ID!) { cancelRun(id: $id) { id status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveApproval($input: ResolveApprovalInput!) { resolveApproval(input: $input) { id } }\n"): (typeof documents)["\n  mutation ResolveApproval($input: ResolveApprovalInput!) { resolveApproval(input: $input) { id } }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;