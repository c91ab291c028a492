import type { Json } from '@weft/domain';
import { z } from 'zod';
import type { NodeDefinition, NodeLogger } from '../node-definition.js';
import { NodeExecutionError } from '../node-execution-error.js';
import { checkCodeSyntax } from '../sandbox/check-code-syntax.js';
import { createSandboxPool, type SandboxPool } from '../sandbox/sandbox-pool.js';
import type { SandboxOutcome } from '../sandbox/sandbox-protocol.js';

export const MAX_CODE_TIMEOUT_MS = 30_000;
export const MAX_CODE_MEMORY_MB = 128;
export const MAX_CODE_CHARS = 100_000;
const MAX_STACK_BYTES = 512 * 1024;

const codeConfigSchema = z.strictObject({
  /** The body of an async function; `return` gives the output. Kept as written: `{{ }}` inside is code, not a template. */
  code: z
    .string()
    .min(1)
    .max(MAX_CODE_CHARS)
    .superRefine((code, ctx) => {
      const problem = checkCodeSyntax(code);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /** Extra values for the code, templates resolved (e.g. `{ "trigger": "{{ $trigger }}" }`); seen as `data`. */
  data: z.json().optional(),
  timeoutMs: z.number().int().min(1).max(MAX_CODE_TIMEOUT_MS).default(1_000),
  memoryMb: z.number().int().min(1).max(MAX_CODE_MEMORY_MB).default(32),
});

export type CodeConfig = z.infer<typeof codeConfigSchema>;

/**
 * The code node: JavaScript in QuickJS compiled to WebAssembly, on a sandbox thread, never
 * in the host's realm. The code sees JSON copies of `input`, `inputs`, `data` and `run`,
 * a `console` whose lines go to the node's log, and nothing of the host: no `process`,
 * `require`, modules, file system, network or timers.
 */
export function createCodeNode(pool: () => SandboxPool): NodeDefinition<CodeConfig> {
  return {
    type: 'code',
    title: 'Code',
    description: 'Runs JavaScript in a sandbox with time and memory limits; what it returns is the output.',
    category: 'data',
    configSchema: codeConfigSchema,
    rawConfigKeys: ['code'],
    async execute({ config, input, inputs, run, signal, log }) {
      const globals = { input, inputs, data: config.data ?? null, run: { runId: run.runId, workflowId: run.workflowId, nodeId: run.nodeId, attempt: run.attempt } };
      const limits = { timeoutMs: config.timeoutMs, memoryBytes: config.memoryMb * 1024 * 1024, maxStackBytes: MAX_STACK_BYTES };
      const outcome = await pool().run(config.code, globals, limits, signal);
      forwardLogs(outcome, log);
      if (outcome.ok) return { kind: 'completed', output: JSON.parse(outcome.json) as Json };
      throw toNodeError(outcome, config);
    },
  };
}

function forwardLogs(outcome: SandboxOutcome, log: NodeLogger): void {
  for (const line of outcome.logs) log[line.level](line.message, { source: 'console' });
}

function toNodeError(outcome: Extract<SandboxOutcome, { ok: false }>, config: CodeConfig): NodeExecutionError {
  switch (outcome.kind) {
    case 'code':
      return new NodeExecutionError('CODE', outcome.line === undefined ? outcome.message : `${outcome.message} (line ${outcome.line})`, false);
    case 'timeout':
      // The same code would very likely time out again: not retryable.
      return new NodeExecutionError('TIMEOUT', `The code did not finish within ${config.timeoutMs} ms`, false);
    case 'memory':
      return new NodeExecutionError('OUT_OF_MEMORY', `The code went over its memory limit of ${config.memoryMb} MB`, false);
    case 'aborted':
      return new NodeExecutionError('ABORTED', 'The node was aborted', false);
    case 'crashed':
      return new NodeExecutionError('EXECUTION', outcome.message, true);
    default: {
      const unknownKind: never = outcome.kind;
      return unknownKind;
    }
  }
}

let sharedPool: SandboxPool | undefined;
/** The process's sandbox threads, created on the first code node run. */
export const defaultSandboxPool = (): SandboxPool => (sharedPool ??= createSandboxPool());

export const codeNode = createCodeNode(defaultSandboxPool);
