import { Controller, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { InvalidInputError } from '@weft/domain';
import { RunCompletion } from '../../runs/start-run/run-completion.service.js';
import { WebhookIntake } from './webhook-intake.service.js';

const MAX_WAIT_MS = 300_000;

/**
 * `POST /hooks/:workflowId/:secret[?wait=ms]`, body = the run input (JSON, read raw; see
 * `webhookBody`). No session or API key: the URL secret authenticates, and a signed
 * webhook's `Weft-Signature` too. Answers 202 `{ runId, status }` at once; asked to wait
 * (`?wait=ms` or `Prefer: wait=ms`), 200 `{ runId, status, output, error }` when the run
 * finishes in time, else 202. Refusals (404, 401, 400, 409, 413) append nothing.
 */
@Controller('hooks')
export class ReceiveWebhookController {
  constructor(
    private readonly intake: WebhookIntake,
    private readonly completion: RunCompletion,
  ) {}

  @Post(':workflowId/:secret')
  async receive(@Param('workflowId') workflowId: string, @Param('secret') secret: string, @Query('wait') wait: string | undefined, @Req() request: Request, @Res() response: Response) {
    const waitMs = parseWait(wait ?? preferredWait(request.get('prefer')));
    const accepted = await this.intake.accept({
      workflowId,
      secret,
      body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      signature: request.get('weft-signature'),
      timestamp: request.get('weft-timestamp'),
      deliveryId: request.get('weft-delivery-id'),
    });
    const watch = waitMs ? await this.completion.watch(accepted.runId, accepted.workspaceId) : undefined; // before the run can end
    try {
      const run = await this.intake.start(accepted);
      const outcome = watch && (await watch.wait(waitMs));
      if (outcome) return response.status(200).json({ runId: accepted.runId, ...outcome });
      return response.status(202).json({ runId: accepted.runId, status: run.queued && run.status === 'running' ? 'queued' : 'running' });
    } finally {
      await watch?.dispose();
    }
  }
}

/** `Prefer: wait=5000` (RFC 7240), the header form of `?wait=`. */
function preferredWait(prefer: string | undefined): string | undefined {
  return prefer ? /(?:^|[,;\s])wait=(\d+)/i.exec(prefer)?.[1] : undefined;
}

function parseWait(wait: string | undefined): number {
  if (wait === undefined) return 0;
  const ms = Number(wait);
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_WAIT_MS) throw new InvalidInputError('wait', `must be a whole number of milliseconds from 0 to ${MAX_WAIT_MS}`);
  return ms;
}
