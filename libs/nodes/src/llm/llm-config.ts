import { z } from 'zod';
import { httpAuthSchema } from '../built-in/http-auth.js';
import { CROSS_FIELD } from '../config-issues.js';

export const MAX_LLM_TIMEOUT_MS = 600_000;
export const MAX_LLM_TOOLS = 16;
export const MAX_LLM_STEPS = 20;

const price = z.strictObject({ input: z.number().min(0), output: z.number().min(0) });

const TOOL_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** An HTTP endpoint the model may call: its arguments go out as a JSON body (POST) or as query parameters (GET). */
const toolSchema = z.strictObject({
  /** What the model calls it: letters, digits, `_` and `-`, unique within the node. */
  name: z.string().regex(TOOL_NAME, 'must be a name of letters, digits, _ and - (at most 64), starting with a letter or _'),
  /** Tells the model what the endpoint does and when to call it. */
  description: z.string().min(1).max(4000),
  url: z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }),
  method: z.enum(['GET', 'POST']).default('POST'),
  /** A JSON Schema (`"type": "object"`) of the arguments the model passes; default: none. */
  parameters: z
    .record(z.string(), z.json())
    .refine((schema) => schema.type === 'object', 'must be a JSON Schema with "type": "object"')
    .default({ type: 'object', properties: {} }),
  /** Plain headers sent with every call. Not for secrets: they are stored with the workflow like any setting. */
  headers: z
    .record(z.string().regex(HEADER_NAME, 'invalid header name'), z.string().refine((value) => !/[\r\n\0]/.test(value), 'header values may not contain line breaks'))
    .optional(),
  /** Authentication from a workspace credential (bearer, basic or header), sent to this endpoint only. */
  auth: httpAuthSchema.refine((auth) => auth.type !== 'oauth2', { message: 'oauth2 is not available for tools: use bearer, basic or header', path: ['type'] }).optional(),
});

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
    /** HTTP endpoints the model may call as tools (through the SSRF guard); their answers go back to the model. */
    tools: z.array(toolSchema).max(MAX_LLM_TOOLS).optional(),
    /** The most model calls (steps) of the tool-call loop: the answer is whatever the model said at the last one. */
    maxSteps: z.number().int().min(1).max(MAX_LLM_STEPS).default(5),
  })
  .check(
    z.refine((config) => config.provider !== 'openai-compatible' || config.baseUrl !== undefined, {
      message: 'baseUrl is required for the openai-compatible provider',
      path: ['baseUrl'],
      params: CROSS_FIELD,
      when: (payload) => typeof payload.value === 'object' && payload.value !== null,
    }),
    // Runs even when other settings are wrong (or templates, at publish): the value may be malformed here.
    z.superRefine(
      (config, ctx) => {
        const tools: unknown = (config as { tools?: unknown }).tools;
        if (!Array.isArray(tools)) return;
        const seen = new Set<string>();
        tools.forEach((tool: unknown, index) => {
          const name = typeof tool === 'object' && tool !== null ? (tool as { name?: unknown }).name : undefined;
          if (typeof name !== 'string') return;
          if (seen.has(name)) ctx.addIssue({ code: 'custom', path: ['tools', index, 'name'], params: CROSS_FIELD, message: `tool "${name.slice(0, 64)}" is named by an earlier tool` });
          seen.add(name);
        });
      },
      { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
    ),
  );

export type LlmConfig = z.infer<typeof llmConfigSchema>;
export type LlmTool = NonNullable<LlmConfig['tools']>[number];
export type PricePerMillion = z.infer<typeof price>;
