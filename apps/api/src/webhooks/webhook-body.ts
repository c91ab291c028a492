import type { NextFunction, Request, Response } from 'express';

/** Where webhooks are received; their bodies are read raw (the signature covers the exact bytes). */
export const WEBHOOK_PATH = '/hooks';

/**
 * Reads a webhook request's body as raw bytes into `request.body` (a Buffer), before any
 * JSON parser, refusing one over `limit` bytes with 413 PAYLOAD_TOO_LARGE: at once when
 * its Content-Length says so, else as soon as it passes the limit. What remains of a
 * refused body is read and dropped, so the client gets the answer.
 */
export function webhookBody(limit: number) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const refuse = () => {
      response.status(413).json({ error: { code: 'PAYLOAD_TOO_LARGE', message: `request body is larger than ${limit} bytes` } });
      request.resume();
    };
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return refuse();
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    request.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        chunks.length = 0;
        refuse();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (refused) return;
      request.body = Buffer.concat(chunks, size);
      next();
    });
    request.on('error', (error) => {
      if (!refused) next(error);
    });
  };
}
