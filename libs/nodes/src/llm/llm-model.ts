import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import type { NodeCredentials } from '../credentials/node-credential.js';
import { NodeExecutionError } from '../node-execution-error.js';
import type { LlmConfig } from './llm-config.js';

/** The AI SDK model for `config`, sending every request through `fetch` (the SSRF-guarded one). */
export function createLlmModel(config: LlmConfig, fetch: typeof globalThis.fetch, credentials: NodeCredentials): LanguageModel {
  const apiKey = config.credentialId === undefined ? undefined : readApiKey(config.credentialId, credentials);
  switch (config.provider) {
    case 'openai-compatible':
      return createOpenAICompatible({
        name: 'openai-compatible',
        baseURL: config.baseUrl ?? '',
        ...(apiKey === undefined ? {} : { apiKey }),
        fetch,
        includeUsage: true,
        supportsStructuredOutputs: true,
      }).chatModel(config.model);
    case 'anthropic':
      // The Anthropic API always wants a key; a local stand-in may not.
      return createAnthropic({ ...(config.baseUrl === undefined ? {} : { baseURL: config.baseUrl }), apiKey: apiKey ?? '', fetch })(config.model);
    default: {
      const _exhaustive: never = config.provider;
      return _exhaustive;
    }
  }
}

/** The API key of a `bearer` (`token`) or `generic` (`apiKey`, else `token`) credential; CONFIG when missing. Never names a value. */
function readApiKey(credentialId: string, credentials: NodeCredentials): string {
  const credential = credentials[credentialId];
  if (!credential) throw new NodeExecutionError('CONFIG', `credential "${credentialId}" was not loaded for this node`, false, { field: 'credentialId' });
  const key = credential.type === 'generic' ? (credential.values.apiKey ?? credential.values.token) : credential.type === 'bearer' ? credential.values.token : undefined;
  if (key === undefined || key === '') {
    throw new NodeExecutionError('CONFIG', `credential "${credentialId}" holds no API key: use a bearer credential (token) or a generic one with an "apiKey" value`, false, { field: 'credentialId' });
  }
  return key;
}
