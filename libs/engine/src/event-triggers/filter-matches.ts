import type { Json } from '@weft/domain';
import type { Logger } from '../logger.js';

/**
 * Whether an event trigger's filter holds for a payload: the JSONata expression, with the
 * payload as `$` (and `$trigger`), evaluated by the node plugins' guarded evaluator (time
 * and size limits, refused names) must give `true` exactly. A filter that fails to
 * evaluate (a type error, a limit) holds not: logged, and no run starts.
 */
export async function filterMatches(filter: string, payload: Json, logger: Logger, context: Record<string, unknown>): Promise<boolean> {
  // Loaded on first use: processes that never match a filter never load the expression engine.
  const { evaluateExpression, ExpressionError } = await import('@weft/nodes');
  try {
    const result = await evaluateExpression(filter, { input: payload, trigger: payload, nodes: {}, run: { runId: '', workflowId: '', nodeId: '', attempt: 0 } });
    return result === true;
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    logger.info('event trigger filter failed: no run started', { ...context, reason: error.message });
    return false;
  }
}
