import { describe, expect, it } from 'vitest';
import { ConfigError, DEVELOPMENT_SECRETS_KEY, loadConfig } from './weft-config.js';

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

  it('dead-letters a task after 5 deliveries by default; a setting of 2 to 1000', () => {
    expect(loadConfig({}).worker.maxDeliveries).toBe(5);
    expect(loadConfig({ WEFT_MAX_TASK_DELIVERIES: '3' }).worker.maxDeliveries).toBe(3);
    expect(() => loadConfig({ WEFT_MAX_TASK_DELIVERIES: '1' })).toThrow(/^invalid setting WEFT_MAX_TASK_DELIVERIES: /);
  });

  it('lets workspaces open the private ranges by default; the operator may change that', () => {
    expect(loadConfig({}).http.workspaceAllowable).toEqual(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7']);
    expect(loadConfig({ WEFT_WORKSPACE_ALLOWABLE: '127.0.0.0/8' }).http.workspaceAllowable).toEqual(['127.0.0.0/8']);
    expect(() => loadConfig({ WEFT_WORKSPACE_ALLOWABLE: 'localhost' })).toThrow(/^invalid setting WEFT_WORKSPACE_ALLOWABLE\.0: a list of CIDRs/);
  });

  it('takes the fault-injection hook outside production only', () => {
    expect(loadConfig({}).faults).toEqual({});
    expect(loadConfig({ WEFT_FAULT_EXIT_AFTER_RUN_APPENDS: '20' }).faults).toEqual({ exitAfterRunAppends: 20 });
    expect(() => loadConfig({ NODE_ENV: 'production', WEFT_ROLES: 'relay', WEFT_FAULT_EXIT_AFTER_RUN_APPENDS: '20' })).toThrow(new ConfigError('invalid setting WEFT_FAULT_EXIT_AFTER_RUN_APPENDS: a fault-injection hook for tests, refused in production'));
  });

  it('limits node types per workspace only when WEFT_NODE_LIMITS lists them', () => {
    expect(loadConfig({}).worker.nodeLimits).toEqual({});
    expect(loadConfig({ WEFT_NODE_LIMITS: 'http=5, llm=2' }).worker.nodeLimits).toEqual({ http: 5, llm: 2 });
  });

  it('seals secrets with a development key outside production; production needs WEFT_SECRETS_KEY for the api, scheduler and worker roles', () => {
    expect(loadConfig({}).secretsKey).toEqual(Buffer.from(DEVELOPMENT_SECRETS_KEY, 'base64'));
    const key = Buffer.alloc(32, 7).toString('base64');
    const production = { NODE_ENV: 'production', WEFT_AUTH_SECRET: 'x'.repeat(32) };
    expect(loadConfig({ ...production, WEFT_SECRETS_KEY: key }).secretsKey).toEqual(Buffer.alloc(32, 7));
    expect(() => loadConfig(production)).toThrow(/^invalid setting WEFT_SECRETS_KEY: required in production/);
    expect(() => loadConfig({ ...production, WEFT_ROLES: 'scheduler' })).toThrow(/WEFT_SECRETS_KEY/);
    expect(() => loadConfig({ ...production, WEFT_ROLES: 'worker' })).toThrow(/WEFT_SECRETS_KEY/);
    expect(loadConfig({ ...production, WEFT_ROLES: 'relay,projector' }).production).toBe(true);
    const previous = Buffer.alloc(32, 9).toString('base64');
    expect(loadConfig({ WEFT_SECRETS_KEY: key, WEFT_SECRETS_PREVIOUS_KEYS: previous }).previousSecretsKeys).toEqual([Buffer.alloc(32, 9)]);
    expect(() => loadConfig({ WEFT_SECRETS_PREVIOUS_KEYS: 'c2hvcnQ=' })).toThrow(/WEFT_SECRETS_PREVIOUS_KEYS/);
  });

  it('retries deliveries 10 times from 10 s doubling up to 20 min by default; all are settings', () => {
    expect(loadConfig({}).deliveries).toEqual({ maxAttempts: 10, retryMs: 10_000, maxRetryMs: 1_200_000, timeoutMs: 10_000 });
    expect(loadConfig({ WEFT_DELIVERY_MAX_ATTEMPTS: '3', WEFT_DELIVERY_RETRY_MS: '50', WEFT_DELIVERY_MAX_RETRY_MS: '200', WEFT_DELIVERY_TIMEOUT_MS: '1000' }).deliveries).toEqual({
      maxAttempts: 3,
      retryMs: 50,
      maxRetryMs: 200,
      timeoutMs: 1000,
    });
  });

  it('traces nothing without OTEL_EXPORTER_OTLP_ENDPOINT; with it, exports as OTEL_SERVICE_NAME with OTEL_EXPORTER_OTLP_HEADERS', () => {
    expect(loadConfig({}).tracing).toEqual({ headers: {}, serviceName: 'weft' });
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SERVICE_NAME: 'weft-eu', OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=a%3Db, x-team=ops' }).tracing).toEqual({
      endpoint: 'http://collector:4318',
      headers: { 'x-api-key': 'a=b', 'x-team': 'ops' },
      serviceName: 'weft-eu',
    });
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(/^invalid setting OTEL_EXPORTER_OTLP_ENDPOINT: must be an http\(s\):\/\/ URL$/);
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_HEADERS: 'no-value' })).toThrow(/^invalid setting OTEL_EXPORTER_OTLP_HEADERS\.0: a list of key=value pairs$/);
  });

  it.each([
    [{ WEFT_SECRETS_KEY: 'c2hvcnQ=' }, /^invalid setting WEFT_SECRETS_KEY: 32 random bytes in base64/],
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
