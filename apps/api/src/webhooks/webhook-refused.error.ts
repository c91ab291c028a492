/** Thrown when a webhook request is refused: unknown address, bad or missing signature, stale timestamp, a replay. Holds no secret. */
export class WebhookRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** One answer for an unknown workflow, an unknown secret and a workflow without webhooks: which of them is not told. */
export const noWebhookHere = (): WebhookRefusedError => new WebhookRefusedError(404, 'NOT_FOUND', 'no webhook at this address');
