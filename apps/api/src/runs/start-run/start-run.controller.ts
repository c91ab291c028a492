import { Body, Controller, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { InvalidInputError } from '@weft/domain';
import { ACCESS, type Access } from '../../auth/access.js';
import { requestContextOf, requireJsonBody } from '../../auth/http-caller.js';
import type { RequestContext } from '../../context/request-context.js';
import { RunCompletion } from './run-completion.service.js';
import { RunStatus } from '../run.types.js';
import { StartRunCommand } from './start-run.command.js';
import { idempotentRunId } from './idempotent-run-id.js';

const MAX_WAIT_MS = 300_000;

/**
 * `POST /api/workflows/:workflowId/runs[?wait=ms]`, body = the run input (JSON).
 * Without `wait`: 201 `{ runId, status: "running" }` at once. With `wait`:
 * 200 `{ runId, status, output, error }` when the run finishes in time, else
 * 202 `{ runId, status: "running" }` — the synchronous trigger load tests drive.
 */
@Controller('api/workflows/:workflowId/runs')
export class StartRunController {
  constructor(
    private readonly commands: CommandBus,
    private readonly completion: RunCompletion,
    @Inject(ACCESS) private readonly access: Access,
  ) {}

  private callerOf(request: Request): Promise<RequestContext> {
    return requestContextOf(this.access, request);
  }

  @Post()
  @HttpCode(201)
  async start(@Param('workflowId') workflowId: string, @Query('wait') wait: string | undefined, @Body() body: unknown, @Req() request: Request, @Res() response: Response) {
    const caller = await this.callerOf(request);
    const waitMs = parseWait(wait);
    requireJsonBody(request, 'the run input');
    // `Idempotency-Key`: a client retrying this start gets the run the first one started.
    const key = request.headers['idempotency-key'];
    const idempotencyKey = typeof key === 'string' ? key : undefined;
    const runId = idempotencyKey ? idempotentRunId(caller.workspaceId, workflowId, idempotencyKey) : crypto.randomUUID();
    const watch = waitMs ? await this.completion.watch(runId, caller.workspaceId) : undefined; // before the run can end
    try {
      const run = await this.commands.execute(new StartRunCommand({ workflowId, input: body ?? {}, idempotencyKey }, caller, runId));
      const outcome = watch && (await watch.wait(waitMs));
      if (outcome) return response.status(200).json({ runId, ...outcome });
      return response.status(watch ? 202 : 201).json({ runId, status: run.status === RunStatus.queued ? RunStatus.queued : RunStatus.running });
    } finally {
      await watch?.dispose();
    }
  }
}

function parseWait(wait: string | undefined): number {
  if (wait === undefined) return 0;
  const ms = Number(wait);
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_WAIT_MS) throw new InvalidInputError('wait', `must be a whole number of milliseconds from 0 to ${MAX_WAIT_MS}`);
  return ms;
}
