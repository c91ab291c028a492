import type { Caller } from '@weft/auth';
import type { Access } from '../auth/access.js';
import type { GraphQLContext, RequestContext } from './request-context.js';

type HttpInput = { req?: { headers: Record<string, string | string[] | undefined> } };
type WsInput = { connectionParams?: Record<string, unknown>; extra?: { caller?: Caller; credentials?: Headers } };

export const headersOf = (raw: Record<string, string | string[] | undefined>): Headers => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  return headers;
};

const toRequestContext = (caller: Caller | undefined): RequestContext | undefined =>
  caller?.workspaceId && caller.role ? { workspaceId: caller.workspaceId, actorId: caller.actorId, role: caller.role, caller } : undefined;

/**
 * The GraphQL context of an HTTP request (its cookie or bearer API key) or of
 * a graphql-ws operation (the caller established when the connection opened).
 */
export function buildContext(access: Access) {
  return async (input: HttpInput & WsInput): Promise<GraphQLContext> => {
    if (input.extra) {
      // Every operation on a socket authenticates again with the credentials it opened with:
      // a session signed out or a member removed since then gets nothing more.
      const caller = input.extra.credentials ? await access.authenticator.authenticate(input.extra.credentials) : undefined;
      return { caller, requestContext: toRequestContext(caller) };
    }
    const caller = input.req ? await access.authenticator.authenticate(headersOf(input.req.headers)) : undefined;
    return { req: input.req, caller, requestContext: toRequestContext(caller) };
  };
}

/**
 * graphql-ws `onConnect`: the connection carries the session cookie of its
 * upgrade request, or `{ authorization: "Bearer weft_…" }` in connection_init.
 * Without a valid one the connection is refused (close code 4403).
 */
export function authenticateConnection(access: Access) {
  return async (ctx: { connectionParams?: Record<string, unknown>; extra: { request?: { headers: Record<string, string | string[] | undefined> }; caller?: Caller; credentials?: Headers } }): Promise<boolean> => {
    const headers = headersOf(ctx.extra.request?.headers ?? {});
    const authorization = ctx.connectionParams?.authorization;
    if (typeof authorization === 'string') headers.set('authorization', authorization);
    const caller = await access.authenticator.authenticate(headers);
    if (!caller) return false;
    ctx.extra.caller = caller;
    ctx.extra.credentials = headers;
    return true;
  };
}
