/** Thrown when a JSON argument (run input, graph) is over the configured size. */
export class PayloadTooLargeError extends Error {
  constructor(
    readonly field: string,
    bytes: number,
    limit: number,
  ) {
    super(`${field} is ${bytes} bytes; the limit is ${limit}`);
  }
}

/** Refuses a JSON value whose serialized size is over `limit` bytes. */
export function checkPayloadSize(field: string, value: unknown, limit: number): void {
  const bytes = Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
  if (bytes > limit) throw new PayloadTooLargeError(field, bytes, limit);
}
