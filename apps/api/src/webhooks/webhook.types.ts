import { Field, ObjectType } from '@nestjs/graphql';
import type { Workflow } from '../workflows/workflow.types.js';
import type { IssuedWebhookSecret } from './webhook-secrets.js';

/** A Workflow as setWorkflowTriggers answers it: with the secrets of the webhooks it made. */
export type WorkflowWithSecrets = Workflow & { newWebhookSecrets?: IssuedWebhookSecret[] };

@ObjectType({ description: "A webhook's plain secrets, shown only in the answer of the mutation that made them: Weft keeps a hash of the URL and the signing secret encrypted, and cannot show them again." })
export class WebhookSecret {
  @Field({ description: 'The id of the webhook trigger.' })
  triggerId!: string;

  @Field(() => String, { nullable: true, description: 'POST here to start a run: `<public URL>/hooks/<workflowId>/<secret>`. Null when the webhook kept its URL.' })
  url!: string | null;

  @Field(() => String, { nullable: true, description: 'Signs requests (`Weft-Signature`) to a signed webhook. Null when unsigned, or when it kept its signing secret.' })
  signingSecret!: string | null;
}
