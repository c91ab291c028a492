import { Inject, Injectable } from '@nestjs/common';
import type { Json } from '@weft/domain';
import { isOutputRef, type Platform } from '@weft/engine';
import { PLATFORM } from '../platform/platform.module.js';

/**
 * Node outputs as clients see them: the real value, read on demand from the
 * out-of-line store when the event or row holds a reference, always in the
 * caller's workspace. Depth 0 for one node's output; depth 1 where outputs sit
 * by node id (a run's output from several sinks, a node's input from several predecessors).
 */
@Injectable()
export class RunOutputs {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  resolve(workspaceId: string, value: unknown, depth: 0 | 1): Promise<Json> {
    return this.platform.outputs.resolve(workspaceId, (value ?? null) as Json, depth);
  }

  /** The size of an output's JSON without reading it from the store; null without an output. */
  bytes(value: unknown): number | null {
    if (value === null || value === undefined) return null;
    return isOutputRef(value) ? value.bytes : Buffer.byteLength(JSON.stringify(value), 'utf8');
  }
}
