import { gql } from '@urql/core';
import type { ApiTrigger } from './trigger-form';

/** Documents of the triggers panel (hand-typed against `schema.graphql`). */

export const WORKFLOW_TRIGGERS = gql<{ workflow: { id: string; latestVersion: number | null; archived: boolean; triggers: ApiTrigger[] } | null }, { id: string }>`
  query WorkflowTriggers($id: ID!) { workflow(id: $id) { id latestVersion archived triggers } }
`;

export type WebhookSecret = { triggerId: string; url: string | null; signingSecret: string | null };
export const SET_TRIGGERS = gql<{ setWorkflowTriggers: { id: string; triggers: ApiTrigger[]; newWebhookSecrets: WebhookSecret[] | null } }, { workflowId: string; triggers: ApiTrigger[] }>`
  mutation SetWorkflowTriggers($workflowId: ID!, $triggers: JSON!) {
    setWorkflowTriggers(workflowId: $workflowId, triggers: $triggers) { id triggers newWebhookSecrets { triggerId url signingSecret } }
  }
`;

export const SET_TRIGGER_PAUSED = gql<{ setTriggerPaused: { id: string; triggers: ApiTrigger[] } }, { workflowId: string; triggerId: string; paused: boolean }>`
  mutation SetTriggerPaused($workflowId: ID!, $triggerId: String!, $paused: Boolean!) {
    setTriggerPaused(workflowId: $workflowId, triggerId: $triggerId, paused: $paused) { id triggers }
  }
`;

export const CRON_PREVIEW = gql<{ cronPreview: string[] }, { expression: string; timezone: string; count: number }>`
  query CronPreview($expression: String!, $timezone: String!, $count: Int!) { cronPreview(expression: $expression, timezone: $timezone, count: $count) }
`;
