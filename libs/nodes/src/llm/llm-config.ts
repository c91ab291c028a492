import { z } from 'zod';
import { CROSS_FIELD } from '../config-issues.js';

export const MAX_LLM_TIMEOUT_MS = 600_000;

const price = z.strictObject({ input: z.number().min(0), output: z.number().min(0) });

export const llmConfigSchema = z
  .strictObject({
    provider: z.enum(['openai-compatible', 'anthropic']).default('openai-compatible'),
    /** The API root, e.g. `https://api.openai.com/v1` or `http://ollama:11434/v1`; required for openai-compatible, optional for anthropic. */
    baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }).optional(),
    model: z.string().min(1).max(200),
    system: z.string().max(100_000).optional(),
    prompt: z.string().min(1).max(200_000),
    temperature: z.number().min(0).max(2).optional(),
    maxTokens: z.number().int().min(1).max(1_000_000).optional(),
    /** A JSON Schema the answer must match: the model is asked for JSON and its answer is validated (the node fails when it does not match). */
    responseSchema: z.record(z.string(), z.json()).optional(),
    /** A workspace credential (`bearer` with `token`, or `generic` with `apiKey` or `token`) holding the API key. */
    credentialId: z.string().min(1).max(200).optional(),
    /** USD per million tokens; overrides the built-in price table. */
    pricePerMillion: price.optional(),
    timeoutMs: z.number().int().min(1).max(MAX_LLM_TIMEOUT_MS).default(120_000),
  })
  .check(
    z.refine((config) => config.provider !== 'openai-compatible' || config.baseUrl !== undefined, {
      message: 'baseUrl is required for the openai-compatible provider',
      path: ['baseUrl'],
      params: CROSS_FIELD,
      when: (payload) => typeof payload.value === 'object' && payload.value !== null,
    }),
  );

export type LlmConfig = z.infer<typeof llmConfigSchema>;
export type PricePerMillion = z.infer<typeof price>;
