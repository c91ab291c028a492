import { workflowStreamId } from '@weft/domain';
import type { Platform } from '@weft/engine';
import type { Workflow } from '../workflows/workflow.types.js';
import { provisionWebhookSecrets, type IssuedWebhookSecret } from './webhook-secrets.js';
import type { WorkflowWithSecrets } from './webhook.types.js';

/**
 * The user's trigger list with the webhooks' secrets made (or kept from the workflow's
 * current triggers), before SetTriggers; `issued`: the plain secrets to answer once.
 */
export async function provisionWebhooks(platform: Platform, workflowId: string, raw: unknown, workspaceId: string): Promise<{ triggers: unknown; issued: IssuedWebhookSecret[] }> {
  if (!Array.isArray(raw) || !raw.some((t: { kind?: unknown } | null) => t?.kind === 'webhook')) return { triggers: raw, issued: [] };
  const { state } = await platform.aggregates.workflows.loadInWorkspace(workflowStreamId(workflowId), workspaceId);
  return provisionWebhookSecrets(raw, state.exists ? state.triggers : [], { workflowId, publicUrl: platform.config.auth.publicUrl, seal: (text, context) => platform.secrets.seal(text, context) });
}

/** The mutation's answer, carrying the issued secrets (see `Workflow.newWebhookSecrets`). */
export const withNewWebhookSecrets = (workflow: Workflow, issued: IssuedWebhookSecret[]): WorkflowWithSecrets => (issued.length ? { ...workflow, newWebhookSecrets: issued } : workflow);
