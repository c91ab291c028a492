import { jsonSchema, Output, stepCountIs, streamText } from 'ai';
import type { Json } from '@weft/domain';
import { authCredentialId } from './http-auth.js';
import { secretsOf } from '../credentials/redact.js';
import type { BlockedAddressError } from '../http/blocked-address-error.js';
import type { NodeDefinition } from '../node-definition.js';
import { NodeExecutionError } from '../node-execution-error.js';
import { llmConfigSchema, type LlmConfig } from '../llm/llm-config.js';
import { estimateCostUsd } from '../llm/llm-cost.js';
import { toLlmError } from '../llm/llm-errors.js';
import { createLlmModel } from '../llm/llm-model.js';
import { createHttpTools } from '../llm/llm-tools.js';
import { compileResponseSchema, parseStructuredAnswer } from '../llm/response-schema.js';
import { createTokenLogBatcher } from '../llm/token-log-batcher.js';

const ANTHROPIC_HOST = 'api.anthropic.com';

/**
 * Asks a language model (OpenAI-compatible API, which covers Ollama and most local servers,
 * or Anthropic) through the AI SDK and the SSRF-guarded fetch. The answer is streamed: its
 * text goes to the node log in batches (`tokens` entries) while it arrives. With `tools`, the
 * model may call HTTP endpoints (through the same guarded fetch) for up to `maxSteps` model
 * calls; `text` is then the last step's answer and usage the sum over all steps. Output
 * `{ text, object?, usage, costUsd, latencyMs, firstTokenMs, model, finishReason, steps?, toolCalls? }`.
 */
export const llmNode: NodeDefinition<LlmConfig> = {
  type: 'llm',
  title: 'LLM',
  description: 'Asks a language model (OpenAI-compatible or Anthropic), optionally for JSON matching a schema, optionally letting it call HTTP endpoints as tools.',
  category: 'integration',
  configSchema: llmConfigSchema,
  credentials: (config) => {
    const ids = typeof config.credentialId === 'string' && config.credentialId !== '' ? [config.credentialId] : [];
    const tools = Array.isArray(config.tools) ? config.tools : [];
    for (const tool of tools) {
      const id = typeof tool === 'object' && tool !== null && !Array.isArray(tool) ? authCredentialId(tool.auth) : undefined;
      if (id !== undefined) ids.push(id);
    }
    return ids;
  },
  async execute({ config, signal, services, credentials, log }) {
    // A tool meeting a blocked address (or a credential it cannot use) stops the whole loop: no further model call, the node fails with it.
    const blockedTool = new AbortController();
    let blocked: BlockedAddressError | NodeExecutionError | undefined;
    const onFatal = (error: BlockedAddressError | NodeExecutionError): void => {
      blocked ??= error;
      blockedTool.abort(error);
    };
    const httpTools = config.tools?.length ? createHttpTools(config.tools, { services, credentials, log, onFatal }) : undefined;
    const validator = config.responseSchema === undefined ? undefined : compileResponseSchema(config.responseSchema);
    const model = createLlmModel(config, services.fetch, credentials);
    const host = config.baseUrl === undefined ? ANTHROPIC_HOST : new URL(config.baseUrl).host;
    const timeout = AbortSignal.timeout(config.timeoutMs);
    const tokens = createTokenLogBatcher(log, { secrets: secretsOf(credentials) });
    const started = performance.now();
    let firstTokenMs: number | null = null;
    let text = '';
    let steps = 0;
    let finish: { finishReason: string; inputTokens: number | null; outputTokens: number | null } | undefined;
    try {
      const result = streamText({
        model,
        ...(config.system === undefined ? {} : { system: config.system }),
        prompt: config.prompt,
        ...(config.temperature === undefined ? {} : { temperature: config.temperature }),
        ...(config.maxTokens === undefined ? {} : { maxOutputTokens: config.maxTokens }),
        ...(config.responseSchema === undefined ? {} : { output: Output.object({ schema: jsonSchema(config.responseSchema as Parameters<typeof jsonSchema>[0]) }) }),
        ...(httpTools === undefined ? {} : { tools: httpTools.tools, stopWhen: stepCountIs(config.maxSteps) }),
        // Retries belong to the node's retry policy, which sees each attempt.
        maxRetries: 0,
        abortSignal: AbortSignal.any([signal, timeout, blockedTool.signal]),
        // The error arrives in the stream below; the SDK's default prints it (prompt included) to stderr.
        onError: () => undefined,
      });
      for await (const part of result.fullStream) {
        switch (part.type) {
          case 'start-step':
            // The answer is the last step's text; earlier steps' text still went to the log.
            steps += 1;
            text = '';
            break;
          case 'text-delta':
            firstTokenMs ??= Math.round(performance.now() - started);
            text += part.text;
            tokens.push(part.text);
            break;
          case 'error':
            throw part.error;
          case 'tool-error':
            if (blocked) throw blocked;
            break;
          case 'finish':
            finish = { finishReason: part.finishReason, inputTokens: part.totalUsage.inputTokens ?? null, outputTokens: part.totalUsage.outputTokens ?? null };
            break;
          default:
            break;
        }
      }
    } catch (error) {
      if (blocked) throw blocked;
      if (signal.aborted) throw error;
      if (timeout.aborted) throw new NodeExecutionError('TIMEOUT', `LLM request to ${host} timed out after ${config.timeoutMs} ms`, true, { cause: error });
      throw toLlmError(error, host);
    } finally {
      tokens.flush();
    }
    if (blocked) throw blocked;
    if (signal.aborted) throw new NodeExecutionError('ABORTED', 'The node was aborted', false);
    if (timeout.aborted) throw new NodeExecutionError('TIMEOUT', `LLM request to ${host} timed out after ${config.timeoutMs} ms`, true);
    const latencyMs = Math.round(performance.now() - started);
    const usage = { inputTokens: finish?.inputTokens ?? null, outputTokens: finish?.outputTokens ?? null };
    const object: Json | undefined = validator === undefined ? undefined : parseStructuredAnswer(text, validator);
    const output = {
      text,
      ...(object === undefined ? {} : { object }),
      usage,
      costUsd: estimateCostUsd(config.model, usage, config.pricePerMillion),
      latencyMs,
      firstTokenMs,
      model: config.model,
      finishReason: finish?.finishReason ?? 'unknown',
      ...(httpTools === undefined ? {} : { steps, toolCalls: httpTools.calls }),
    };
    log.info('llm finished', { model: config.model, ...usage, latencyMs, finishReason: output.finishReason, ...(httpTools === undefined ? {} : { steps, toolCalls: httpTools.calls.length }) });
    return { kind: 'completed', output };
  },
};
