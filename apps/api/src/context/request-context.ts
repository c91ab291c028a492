import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';

/** Who is calling and in which workspace: every query, mutation and subscription is scoped by it. */
export type RequestContext = { workspaceId: string; actorId: string };

export type GraphQLContext = { req?: unknown; requestContext: RequestContext };

/** Injects the caller's RequestContext into a resolver argument. */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext => {
  return GqlExecutionContext.create(context).getContext<GraphQLContext>().requestContext;
});
