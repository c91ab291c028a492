import type { NestExpressApplication } from '@nestjs/platform-express';
import { CLIENT_IP_HEADER, createAuthNodeHandler } from '@weft/auth';
import type { Access } from './access.js';

/**
 * Serves better-auth's endpoints at /api/auth/* (sign-up, sign-in, sign-out,
 * sessions, workspaces as organizations, invitations). Must run before any
 * body parser: better-auth reads the raw body. API keys are managed through
 * GraphQL (admins only), so the plugin's own HTTP endpoints are closed.
 */
export function mountAuth(app: NestExpressApplication, access: Access): void {
  const handler = createAuthNodeHandler(access.auth);
  app.use('/api/auth', (request: { url: string; method: string; headers: Record<string, unknown>; socket: { remoteAddress?: string } }, response: { statusCode: number; setHeader(n: string, v: string): void; end(body: string): void }, next: () => void) => {
    if (request.url.startsWith('/api-key/')) {
      response.statusCode = 404;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'API keys are managed through GraphQL (createApiKey, revokeApiKey)' } }));
      return;
    }
    // Rate limits count per client address: the socket's, set here whatever the client sent.
    request.headers[CLIENT_IP_HEADER] = request.socket.remoteAddress ?? 'unknown';
    void handler(request as never, response as never).catch(next);
  });
}
