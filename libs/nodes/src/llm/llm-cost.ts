import type { PricePerMillion } from './llm-config.js';

/** USD per million tokens, list prices of a few common models; anything else needs the node's `pricePerMillion`. */
export const LLM_PRICES: Readonly<Record<string, PricePerMillion>> = {
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'claude-3-5-haiku-latest': { input: 0.8, output: 4 },
  'claude-sonnet-4-0': { input: 3, output: 15 },
  'claude-opus-4-0': { input: 15, output: 75 },
};

/** The cost in USD (to 8 decimals), or null when the price or the token counts are unknown. */
export function estimateCostUsd(model: string, usage: { inputTokens: number | null; outputTokens: number | null }, override?: PricePerMillion): number | null {
  const price = override ?? LLM_PRICES[model];
  if (!price || usage.inputTokens === null || usage.outputTokens === null) return null;
  const usd = (usage.inputTokens * price.input + usage.outputTokens * price.output) / 1_000_000;
  return Math.round(usd * 1e8) / 1e8;
}
