import { Inject, Injectable } from '@nestjs/common';
import { InvalidInputError } from '@weft/domain';
import type { Platform } from '@weft/engine';
import { checkPageSize } from '../graphql/pagination.js';
import type { NodeLogConnection, NodeLogEntry } from '../node-types/node-type.types.js';
import { PLATFORM } from '../platform/platform.module.js';

type Position = [attempt: number, seq: number];

const encode = (position: Position): string => Buffer.from(JSON.stringify(position)).toString('base64url');

function decode(value: string | null | undefined): Position {
  if (!value) return [-1, -1];
  try {
    const position = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(position) && position.length === 2 && position.every(Number.isInteger)) return position as Position;
  } catch {
    // refused below
  }
  throw new InvalidInputError('after', 'not a cursor returned by this API');
}

/** A node run's execution log (rm_node_logs), oldest first, in the caller's workspace. */
@Injectable()
export class NodeLogsQueries {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  async page(workspaceId: string, runId: string, nodeId: string, first: number, after: string | null | undefined): Promise<NodeLogConnection> {
    checkPageSize(first);
    const [attempt, seq] = decode(after);
    const { rows } = await this.platform.pool.query<NodeLogEntry>(
      `SELECT attempt, seq, at, level, message, data FROM rm_node_logs
        WHERE workspace_id = $1 AND run_id = $2 AND node_id = $3 AND (attempt, seq) > ($4, $5)
        ORDER BY attempt, seq LIMIT $6`,
      [workspaceId, runId, nodeId, attempt, seq, first + 1],
    );
    const nodes = rows.slice(0, first);
    const last = nodes.at(-1);
    return { nodes, pageInfo: { hasNextPage: rows.length > first, endCursor: last ? encode([last.attempt, last.seq]) : null } };
  }
}
