/** Thrown when a request carries no valid session cookie or API key. */
export class UnauthenticatedError extends Error {
  constructor(message = 'sign in first, or send an API key: Authorization: Bearer weft_…') {
    super(message);
  }
}

/**
 * Thrown when the caller may not do this in its own workspace (a role too
 * low, no workspace chosen). Never for another workspace's data: that is
 * reported as not found, so outsiders learn nothing.
 */
export class ForbiddenError extends Error {}
