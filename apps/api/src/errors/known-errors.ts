import { DomainError, InvalidGraphError, InvalidInputError, NotFoundError } from '@weft/domain';
import { ForbiddenError, UnauthenticatedError } from './access-errors.js';
import { PayloadTooLargeError } from './payload-limits.js';
import { WebhookRefusedError } from '../webhooks/webhook-refused.error.js';

/** An error the user caused, as every transport shows it: a stable code, an HTTP status, details naming what is wrong. */
export type KnownError = { code: string; status: number; message: string; details: Record<string, unknown> };

/** The one table from domain error codes to transport codes and HTTP statuses. */
const TRANSPORT: Record<DomainError['code'], { code: string; status: number }> = {
  BAD_USER_INPUT: { code: 'BAD_USER_INPUT', status: 400 },
  NOT_FOUND: { code: 'NOT_FOUND', status: 404 },
  CONFLICT: { code: 'CONFLICT', status: 409 },
  STALE: { code: 'CONFLICT', status: 409 },
};

/** Describes a user error; undefined for anything unexpected (a bug or an outage). */
export function knownError(error: unknown): KnownError | undefined {
  if (error instanceof DomainError) {
    const details: Record<string, unknown> = {};
    if (error instanceof InvalidGraphError) details.issues = error.issues;
    if (error instanceof InvalidInputError) details.field = error.field;
    if (error instanceof NotFoundError) details.entity = error.entity;
    return { ...TRANSPORT[error.code], message: error.message, details };
  }
  if (error instanceof PayloadTooLargeError) return { code: 'PAYLOAD_TOO_LARGE', status: 413, message: error.message, details: { field: error.field } };
  if (error instanceof UnauthenticatedError) return { code: 'UNAUTHENTICATED', status: 401, message: error.message, details: {} };
  if (error instanceof WebhookRefusedError) return { code: error.code, status: error.status, message: error.message, details: error.details };
  if (error instanceof ForbiddenError) return { code: 'FORBIDDEN', status: 403, message: error.message, details: {} };
  return undefined;
}
