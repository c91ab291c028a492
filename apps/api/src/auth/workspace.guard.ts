import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { allows, type Role } from '@weft/auth';
import type { GraphQLContext } from '../context/request-context.js';
import { ForbiddenError, UnauthenticatedError } from '../errors/access-errors.js';
import { ACCOUNT_LEVEL, REQUIRED_ROLE } from './requires.decorator.js';

/**
 * Every GraphQL operation needs a caller, and (unless @AccountLevel) an
 * active workspace in which the caller's role is at least @Requires (member
 * by default). Runs before the resolver; HTTP controllers check for themselves.
 */
@Injectable()
export class WorkspaceGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const gql = GqlExecutionContext.create(context).getContext<GraphQLContext>();
    if (!gql.caller) throw new UnauthenticatedError();
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(ACCOUNT_LEVEL, targets)) return true;
    const requestContext = gql.requestContext;
    if (!requestContext) throw new ForbiddenError('no active workspace: create one or choose one (POST /api/auth/organization/set-active)');
    const required = this.reflector.getAllAndOverride<Role>(REQUIRED_ROLE, targets) ?? 'member';
    if (!allows(requestContext.role, required)) throw new ForbiddenError(`this needs the ${required} role in the workspace; you are ${requestContext.role}`);
    return true;
  }
}
