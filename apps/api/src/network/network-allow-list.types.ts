import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description:
    "The private hosts and ranges this workspace's nodes (http, llm tools, email, sql) may reach besides public addresses and the operator's allow-list. Loopback, link-local and cloud-metadata addresses are never opened here, only by the operator (WEFT_HTTP_ALLOW).",
})
export class NetworkAllowList {
  @Field(() => [String], { description: 'IPs, CIDRs or host names, each optionally with :port. A host listed by name may only resolve to addresses a workspace may open (private ranges by default).' })
  entries!: string[];

  @Field({ nullable: true, description: 'When it was last set; null if never.' })
  updatedAt?: Date;
}
