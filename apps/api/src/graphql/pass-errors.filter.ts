import { Catch, type ArgumentsHost } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';

/**
 * Hands every resolver error to Apollo untouched; `createErrorFormatter` maps
 * it to a stable code and logs only the unexpected ones (Nest's default
 * handler would log each bad input as an error).
 */
@Catch()
export class PassErrorsFilter implements GqlExceptionFilter {
  catch(exception: unknown, _host: ArgumentsHost): unknown {
    return exception;
  }
}
