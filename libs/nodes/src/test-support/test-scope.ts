import type { ExpressionScope } from '../expressions/expression-scope.js';

/** A scope with something in every binding, for expression tests. */
export const testScope = (overrides: Partial<ExpressionScope> = {}): ExpressionScope => ({
  input: { amount: 60, items: [{ sku: 'a', qty: 2 }, { sku: 'b', qty: 3 }], name: 'Ada' },
  trigger: { customerId: 'c-42', tags: ['vip'] },
  nodes: { 'fetch-user': { email: 'ada@example.com' }, score: { value: 0.9 } },
  run: { runId: 'run-1', workflowId: 'wf-1', nodeId: 'node-1', attempt: 2 },
  ...overrides,
});
