import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { ApiKeysResolver } from '../api-keys/api-keys.resolver.js';
import { MeResolver } from '../auth/me.resolver.js';
import { CredentialsResolver } from '../credentials/credentials.resolver.js';
import { EventSubscriptionsResolver } from '../event-subscriptions/event-subscriptions.resolver.js';
import { NodeRunsResolver } from '../runs/node-runs.resolver.js';
import { DashboardResolver, WorkflowActivityResolver } from '../dashboard/dashboard.resolver.js';
import { NetworkResolver } from '../network/network.resolver.js';
import { NodeTypesResolver } from '../node-types/node-types.resolver.js';
import { WaitsResolver } from '../waits/waits.resolver.js';
import { RunsResolver } from '../runs/runs.resolver.js';
import { WorkflowsResolver } from '../workflows/workflows.resolver.js';
import { WebhooksResolver } from '../webhooks/webhooks.resolver.js';

/** Every resolver of the API: the checked-in schema.graphql is printed from these. */
export const RESOLVERS = [WorkflowsResolver, RunsResolver, NodeRunsResolver, NodeTypesResolver, WaitsResolver, MeResolver, ApiKeysResolver, EventSubscriptionsResolver, WebhooksResolver, CredentialsResolver, NetworkResolver, DashboardResolver, WorkflowActivityResolver];

export const HEADER = '# The Weft API contract. Generated from the code by `npm run schema:write`; CI fails when it is stale.\n\n';

export const printSorted = (schema: GraphQLSchema): string => `${HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;

/** Builds the schema from the resolvers without a database or a server. */
export async function buildSchemaText(): Promise<string> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  try {
    const schema = await app.get(GraphQLSchemaFactory).create(RESOLVERS);
    return printSorted(schema);
  } finally {
    await app.close();
  }
}
