import type { WeftConfig } from '@weft/engine';
import type { GraphQLContext, RequestContext } from './request-context.js';

/**
 * The caller of an HTTP request or a graphql-ws connection. Until accounts
 * arrive, everyone acts in the configured default workspace.
 */
export function buildContext(config: WeftConfig) {
  const caller = (): RequestContext => ({ workspaceId: config.defaultWorkspace, actorId: 'anonymous' });
  return (input: { req?: unknown; connectionParams?: unknown; extra?: unknown }): GraphQLContext => ({ req: input.req, requestContext: caller() });
}
