import { Inject } from '@nestjs/common';
import { Context, Query, Resolver } from '@nestjs/graphql';
import type { Platform } from '@weft/engine';
import type { GraphQLContext } from '../context/request-context.js';
import { PLATFORM } from '../platform/platform.module.js';
import { AccountLevel } from './requires.decorator.js';
import { Me } from './me.types.js';

@Resolver(() => Me)
export class MeResolver {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  @AccountLevel()
  @Query(() => Me, { description: 'Who you are and which workspace you act in.' })
  async me(@Context() context: GraphQLContext): Promise<Me> {
    const caller = context.caller!;
    const { rows } = await this.platform.pool.query<{ email: string | null; name: string | null }>(
      `SELECT (SELECT email FROM "user" WHERE id = $1) AS email, (SELECT name FROM organization WHERE id = $2) AS name`,
      [caller.userId ?? null, caller.workspaceId ?? null],
    );
    return {
      kind: caller.kind,
      actorId: caller.actorId,
      email: rows[0]?.email ?? null,
      workspaceId: context.requestContext?.workspaceId ?? null,
      workspaceName: context.requestContext ? (rows[0]?.name ?? null) : null,
      role: context.requestContext?.role ?? null,
    };
  }
}
