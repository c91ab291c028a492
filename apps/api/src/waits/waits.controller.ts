import { Body, Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Request } from 'express';
import { InvalidInputError, isJsonObject } from '@weft/domain';
import { ACCESS, type Access } from '../auth/access.js';
import { requestContextOf, requireJsonBody } from '../auth/http-caller.js';
import { EmitEventCommand } from './emit-event.command.js';
import { ResolveApprovalCommand } from './resolve-approval.command.js';

/**
 * The HTTP side of waits, for systems that do not speak GraphQL:
 * `POST /api/runs/:runId/approvals/:nodeId` `{ approved, comment? }` → 200 `{ runId, status }`;
 * `POST /api/events` `{ name, correlationKey?, payload? }` (+ optional `Idempotency-Key` header) →
 * 202 `{ id, name, correlationKey, receivedAt, repeated, subscribers, waitingRuns, warning }`.
 */
@Controller('api')
export class WaitsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(ACCESS) private readonly access: Access,
  ) {}

  @Post('runs/:runId/approvals/:nodeId')
  @HttpCode(200)
  async approve(@Param('runId') runId: string, @Param('nodeId') nodeId: string, @Body() body: unknown, @Req() request: Request) {
    const caller = await requestContextOf(this.access, request);
    requireJsonBody(request, 'the decision');
    const decision = objectBody(body);
    if (typeof decision.approved !== 'boolean') throw new InvalidInputError('approved', 'must be true or false');
    if (decision.comment !== undefined && decision.comment !== null && typeof decision.comment !== 'string') throw new InvalidInputError('comment', 'must be a string');
    const run = await this.commands.execute(new ResolveApprovalCommand({ runId, nodeId, approved: decision.approved, comment: decision.comment ?? null }, caller));
    return { runId: run.id, status: run.status };
  }

  @Post('events')
  @HttpCode(202)
  async emit(@Body() body: unknown, @Req() request: Request) {
    const caller = await requestContextOf(this.access, request);
    requireJsonBody(request, 'the event');
    const event = objectBody(body);
    if (typeof event.name !== 'string') throw new InvalidInputError('name', 'is required: the event name');
    if (event.correlationKey !== undefined && event.correlationKey !== null && typeof event.correlationKey !== 'string') throw new InvalidInputError('correlationKey', 'must be a string');
    const key = request.headers['idempotency-key'];
    const idempotencyKey = typeof key === 'string' ? key : null;
    return this.commands.execute(new EmitEventCommand({ name: event.name, correlationKey: event.correlationKey ?? null, payload: event.payload ?? {}, idempotencyKey }, caller));
  }
}

function objectBody(body: unknown): Record<string, unknown> {
  if (!isJsonObject(body)) throw new InvalidInputError('body', 'must be a JSON object');
  return body;
}
