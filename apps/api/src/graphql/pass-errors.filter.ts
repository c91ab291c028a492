import { Catch, HttpException, Inject, type ArgumentsHost } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import type { Response } from 'express';
import type { Platform } from '@weft/engine';
import { knownError } from '../errors/known-errors.js';
import { PLATFORM } from '../platform/platform.module.js';

/** Express-level refusals (body parsing, size) in the same codes as everything else. */
const HTTP_CODES: Record<number, string> = { 400: 'BAD_USER_INPUT', 404: 'NOT_FOUND', 413: 'PAYLOAD_TOO_LARGE' };

/**
 * GraphQL: hands every resolver error to Apollo untouched; `createErrorFormatter`
 * maps it to a stable code and logs only unexpected ones (Nest's default
 * handler would log each bad input as an error).
 * HTTP: answers `{ error: { code, message, ...details } }` with the mapped status.
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
      return response.status(status).json({ error: { code, message: status === 400 ? `request body is not valid JSON: ${exception.message}` : exception.message } });
    }
    this.platform.logger.error('unexpected error in an HTTP handler', { error: exception instanceof Error ? (exception.stack ?? exception.message) : String(exception) });
    return response.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'internal error' } });
  }
}
