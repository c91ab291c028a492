import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
import type { Platform } from '@weft/engine';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import type { Access } from './auth/access.js';
import { AccountModule } from './auth/account.module.js';
import { WorkspaceGuard } from './auth/workspace.guard.js';
import { authenticateConnection, buildContext } from './context/build-context.js';
import { CredentialsModule } from './credentials/credentials.module.js';
import { EventSubscriptionsModule } from './event-subscriptions/event-subscriptions.module.js';
import { createErrorFormatter, graphqlWsFormatting } from './graphql/format-error.js';
import { graphqlHardening } from './graphql/hardening/graphql-hardening.js';
import { PassErrorsFilter } from './graphql/pass-errors.filter.js';
import { PlatformModule } from './platform/platform.module.js';
import { NodeTypesModule } from './node-types/node-types.module.js';
import { NetworkModule } from './network/network.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { RunsModule } from './runs/runs.module.js';
import { WaitsModule } from './waits/waits.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';
import { WorkflowsModule } from './workflows/workflows.module.js';

/** The API: GraphQL over HTTP and graphql-ws at /graphql, accounts at /api/auth, on a Platform created by the caller. */
@Module({})
export class AppModule {
  static forRoot(platform: Platform, access: Access): DynamicModule {
    const { config } = platform;
    const formatError = createErrorFormatter(config.production, platform.logger.child({ component: 'graphql' }));
    // Depth, aliases, tokens, cost, page sizes, batching and introspection: refused before any resolver runs.
    const hardening = graphqlHardening(config, platform.logger.child({ component: 'graphql' }));
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(platform, access),
        CqrsModule.forRoot(),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          ...hardening.apollo,
          subscriptions: { 'graphql-ws': { ...graphqlWsFormatting(formatError), ...hardening.graphqlWs, onConnect: authenticateConnection(access) } as object },
          context: buildContext(access),
          formatError,
        }),
        AccountModule,
        ApiKeysModule,
        WorkflowsModule,
        RunsModule,
        NodeTypesModule,
        WaitsModule,
        EventSubscriptionsModule,
        CredentialsModule,
        NetworkModule,
        DashboardModule,
        WebhooksModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: PassErrorsFilter },
        { provide: APP_GUARD, useClass: WorkspaceGuard },
      ],
    };
  }
}
