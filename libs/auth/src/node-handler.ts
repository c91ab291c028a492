import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequest, setResponse } from 'better-call/node';
import type { Auth } from './auth.js';

/** Largest body accepted by the account endpoints (sign-up, invitations…): they carry a few fields. */
const BODY_LIMIT = 64 * 1024;

/**
 * better-auth's endpoints as a Node handler, with Weft's error shape for a
 * rate-limited request: 429 `{ error: { code: "RATE_LIMITED", message, retryAfter } }`
 * (seconds), like every other refusal of the API.
 */
export function createAuthNodeHandler(auth: Auth) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const protocol = (request.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
    const answer = await auth.handler(getRequest({ base: `${protocol}://${request.headers.host ?? 'localhost'}`, request, bodySizeLimit: BODY_LIMIT }));
    if (answer.status !== 429) return setResponse(response, answer);
    const retryAfter = Number(answer.headers.get('x-retry-after') ?? answer.headers.get('retry-after') ?? 60);
    const headers = new Headers({ 'content-type': 'application/json', 'retry-after': String(retryAfter) });
    const body = { error: { code: 'RATE_LIMITED', message: `too many attempts: try again in ${retryAfter} s`, retryAfter } };
    return setResponse(response, new Response(JSON.stringify(body), { status: 429, headers }));
  };
}
