import { Catch, HttpException, Inject, type ArgumentsHost } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import type { Platform } from '@weft/engine';
import { knownError } from '../errors/known-errors.js';
import { requestBodyLimit } from './hardening/body-limit.js';
import { PLATFORM } from '../platform/platform.module.js';

/** Express-level refusals (body parsing, size) in the same codes as everything else. */
const HTTP_CODES: Record<number, string> = { 400: 'BAD_USER_INPUT', 404: 'NOT_FOUND', 413: 'PAYLOAD_TOO_LARGE' };

/** Where GraphQL is served: refusals there are GraphQL-shaped (`{ errors: [...] }`). */
const GRAPHQL_PATH = '/graphql';

/**
 * GraphQL: hands every resolver error to Apollo untouched; `createErrorFormatter`
 * maps it to a stable code and logs only unexpected ones (Nest's default
 * handler would log each bad input as an error).
 * HTTP: answers `{ error: { code, message, ...details } }` with the mapped status;
 * a body refused on /graphql (not JSON, too large) gets `{ errors: [{ message, extensions: { code } }] }`.
 */
@Catch()
export class PassErrorsFilter implements GqlExceptionFilter {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType() !== 'http') return exception;
    const response = host.switchToHttp().getResponse<Response>();
    const known = knownError(exception);
    if (known) return response.status(known.status).json({ error: { code: known.code, message: known.message, ...known.details } });
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = HTTP_CODES[status] ?? 'HTTP_ERROR';
      const message = this.messageFor(status, exception.message);
      const onGraphql = host.switchToHttp().getRequest<Request>().path === GRAPHQL_PATH;
      return response.status(status).json(onGraphql ? { errors: [{ message, extensions: { code } }] } : { error: { code, message } });
    }
    this.platform.logger.error('unexpected error in an HTTP handler', { error: exception instanceof Error ? (exception.stack ?? exception.message) : String(exception) });
    return response.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'internal error' } });
  }

  private messageFor(status: number, message: string): string {
    if (status === 400) return `request body is not valid JSON: ${message}`;
    if (status === 413) return `request body is larger than ${requestBodyLimit(this.platform.config)} bytes`;
    return message;
  }
}
