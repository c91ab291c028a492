import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Caller as Authenticated, Role } from '@weft/auth';

/** Who is calling, in which workspace and with which role: every query, mutation and subscription is scoped by it. */
export type RequestContext = { workspaceId: string; actorId: string; role: Role; caller: Authenticated };

/** `caller` is undefined without valid credentials; `requestContext` only once a workspace is chosen. */
export type GraphQLContext = { req?: unknown; caller?: Authenticated; requestContext?: RequestContext };

/** Injects the caller's RequestContext into a resolver argument (the WorkspaceGuard has made sure there is one). */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext => {
  const requestContext = GqlExecutionContext.create(context).getContext<GraphQLContext>().requestContext;
  if (!requestContext) throw new Error('no request context: is the resolver missing from the WorkspaceGuard?');
  return requestContext;
});
