import { graphql } from '@/gql';
import type { WebhookSecretShownFragment } from '@/gql/graphql';

/**
 * Documents of the triggers panel; their types are generated from `schema.graphql` (`npm run codegen`).
 * `triggers` is JSON (`unknown`): read it with `asApiTriggers()` (trigger-form.ts).
 */

export const WORKFLOW_TRIGGERS = graphql(`
  query WorkflowTriggers($id: ID!) { workflow(id: $id) { id latestVersion archived triggers } }
`);

/** A webhook's plain URL and signing secret, in the one answer that shows them. */
export const WEBHOOK_SECRET_SHOWN = graphql(`
  fragment WebhookSecretShown on WebhookSecret { triggerId url signingSecret }
`);
export type WebhookSecret = WebhookSecretShownFragment;

export const SET_TRIGGERS = graphql(`
  mutation SetWorkflowTriggers($workflowId: ID!, $triggers: JSON!) {
    setWorkflowTriggers(workflowId: $workflowId, triggers: $triggers) { id triggers newWebhookSecrets { ...WebhookSecretShown } }
  }
`);

export const SET_TRIGGER_PAUSED = graphql(`
  mutation SetTriggerPaused($workflowId: ID!, $triggerId: String!, $paused: Boolean!) {
    setTriggerPaused(workflowId: $workflowId, triggerId: $triggerId, paused: $paused) { id triggers }
  }
`);

/** A webhook's new URL (and signing secret, when signed), shown once; the old ones stop working at once. */
export const ROTATE_WEBHOOK_SECRET = graphql(`
  mutation RotateWebhookSecret($workflowId: ID!, $triggerId: String!) {
    rotateWebhookSecret(workflowId: $workflowId, triggerId: $triggerId) { ...WebhookSecretShown }
  }
`);

export const CRON_PREVIEW = graphql(`
  query CronPreview($expression: String!, $timezone: String!, $count: Int!) { cronPreview(expression: $expression, timezone: $timezone, count: $count) }
`);
