import type { Request } from 'express';
import { InvalidInputError } from '@weft/domain';
import type { Access } from './access.js';
import { headersOf } from '../context/build-context.js';
import type { RequestContext } from '../context/request-context.js';
import { ForbiddenError, UnauthenticatedError } from '../errors/access-errors.js';

/** The caller of a plain HTTP route: a member (or more) of the workspace, by session cookie or API key; else 401, or 403 without a workspace. */
export async function requestContextOf(access: Access, request: Request): Promise<RequestContext> {
  const caller = await access.authenticator.authenticate(headersOf(request.headers));
  if (!caller) throw new UnauthenticatedError();
  if (!caller.workspaceId || !caller.role) throw new ForbiddenError('no active workspace: create one or choose one (POST /api/auth/organization/set-active)');
  return { workspaceId: caller.workspaceId, actorId: caller.actorId, role: caller.role, caller };
}

/** Bodies are JSON only: a plain HTML form (a cross-site post) cannot send it. */
export function requireJsonBody(request: Request, what: string): void {
  const type = request.headers['content-type'];
  if (type !== undefined && !/^application\/json\b/i.test(type)) throw new InvalidInputError('body', `send ${what} as JSON (content-type: application/json), not ${type.split(';')[0]}`);
}
