import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './weft-config.js';

describe('loadConfig', () => {
  it('has working defaults for a local machine', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ databaseUrl: 'postgresql://postgres@127.0.0.1:5432/weft', redisUrl: 'redis://127.0.0.1:6379', port: 4000, production: false });
    expect(config.roles).toEqual(['api', 'worker', 'relay', 'projector', 'scheduler']);
  });

  it('parses lists and numbers', () => {
    const config = loadConfig({ WEFT_ROLES: 'worker, relay', WEFT_WORKER_QUEUES: 'io', WEFT_WORKER_CONCURRENCY: '8', WEFT_HTTP_ALLOW: '10.0.0.0/8,api.internal' });
    expect(config.roles).toEqual(['worker', 'relay']);
    expect(config.worker).toMatchObject({ queues: ['io'], concurrency: 8 });
    expect(config.http.allow).toEqual(['10.0.0.0/8', 'api.internal']);
  });

  it('stores outputs over 64 KiB out of line and refuses those over 16 MiB by default; both are settings', () => {
    expect(loadConfig({}).outputs).toEqual({ inlineBytes: 64 * 1024, maxBytes: 16 * 1024 * 1024 });
    expect(loadConfig({ WEFT_INLINE_OUTPUT_BYTES: '0', WEFT_MAX_OUTPUT_BYTES: '1048576' }).outputs).toEqual({ inlineBytes: 0, maxBytes: 1024 * 1024 });
  });

  it('limits node types per workspace only when WEFT_NODE_LIMITS lists them', () => {
    expect(loadConfig({}).worker.nodeLimits).toEqual({});
    expect(loadConfig({ WEFT_NODE_LIMITS: 'http=5, llm=2' }).worker.nodeLimits).toEqual({ http: 5, llm: 2 });
  });

  it.each([
    [{ WEFT_NODE_LIMITS: 'http' }, /^invalid setting WEFT_NODE_LIMITS\.0: a list of type=limit/],
    [{ WEFT_NODE_LIMITS: 'http=0' }, /^invalid setting WEFT_NODE_LIMITS\.0: /],
    [{ WEFT_NODE_LIMITS: 'http=2,http=3' }, /^invalid setting WEFT_NODE_LIMITS: names a node type twice$/],
    [{ WEFT_INLINE_OUTPUT_BYTES: '2048', WEFT_MAX_OUTPUT_BYTES: '1024' }, /^invalid setting WEFT_INLINE_OUTPUT_BYTES: must not exceed WEFT_MAX_OUTPUT_BYTES \(1024\)$/],
    [{ WEFT_MAX_OUTPUT_BYTES: '10' }, /^invalid setting WEFT_MAX_OUTPUT_BYTES: /],
    [{ PORT: 'eighty' }, /^invalid setting PORT: /],
    [{ DATABASE_URL: 'mysql://x' }, /^invalid setting DATABASE_URL: must be a postgresql:\/\/ URL$/],
    [{ WEFT_ROLES: 'api,cook' }, /^invalid setting WEFT_ROLES\.1: /],
    [{ WEFT_WORKER_CONCURRENCY: '0' }, /^invalid setting WEFT_WORKER_CONCURRENCY: /],
  ])('stops with one line naming the wrong setting: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });
});
