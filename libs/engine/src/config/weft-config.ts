import { z } from 'zod';
import { decodeSecretsKey } from '../secrets/secret-box.js';

const csv = z.string().transform((value) => value.split(',').map((s) => s.trim()).filter(Boolean));
const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);
/** `http=5,llm=2`: node type = most attempts of that type running at once per workspace. */
const nodeLimits = csv
  .pipe(z.array(z.string().regex(/^[A-Za-z0-9_.:-]+=([1-9]\d{0,3}|10000)$/, 'a list of type=limit (1 to 10000), e.g. http=5,llm=2')))
  .refine((pairs) => new Set(pairs.map((pair) => pair.split('=')[0])).size === pairs.length, 'names a node type twice')
  .transform((pairs) => Object.fromEntries(pairs.map((pair) => [pair.split('=')[0]!, Number(pair.split('=')[1])])));

const ROLES = ['api', 'worker', 'relay', 'projector', 'scheduler'] as const;
export type Role = (typeof ROLES)[number];

const schema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL').default('postgresql://postgres@127.0.0.1:5432/weft'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').default('redis://127.0.0.1:6379'),
  WEFT_REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]*$/, 'letters, digits, ":", "_" and "-" only').default('weft:'),
  PORT: int(1, 65535, 4000),
  /** Processes without the api role serve /healthz, /readyz and /metrics on this port when it is set (the API serves them on PORT). */
  WEFT_HEALTH_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  WEFT_READINESS_TIMEOUT_MS: int(50, 60_000, 2000),
  WEFT_SHUTDOWN_DEADLINE_MS: int(0, 3_600_000, 20_000),
  WEFT_ROLES: csv.pipe(z.array(z.enum(ROLES))).default([...ROLES]),
  WEFT_WORKER_QUEUES: csv.pipe(z.array(z.string().regex(/^[a-z0-9-]+$/)).min(1)).default(['default']),
  WEFT_WORKER_CONCURRENCY: int(1, 1000, 32),
  WEFT_VISIBILITY_TIMEOUT_MS: int(1000, 3_600_000, 30_000),
  WEFT_MAX_TASK_DELIVERIES: int(2, 1000, 5),
  /** Fault injection (tests only, refused in production): the process exits right after its n-th run append commits, before publishing it. */
  WEFT_FAULT_EXIT_AFTER_RUN_APPENDS: z.coerce.number().int().min(1).max(1_000_000).optional(),
  WEFT_NODE_LIMITS: nodeLimits.default({}),
  WEFT_HTTP_ALLOW: csv.default([]),
  /** The ranges a workspace admin may put on the workspace's own allow-list (default: private networks). */
  WEFT_WORKSPACE_ALLOWABLE: csv.pipe(z.array(z.string().regex(/^[0-9a-fA-F.:]+\/\d{1,3}$/, 'a list of CIDRs, e.g. 10.0.0.0/8,192.168.0.0/16'))).default(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7']),
  WEFT_NODE_PACKAGES: csv.default([]),
  WEFT_MAX_PAYLOAD_BYTES: int(1024, 64 * 1024 * 1024, 256 * 1024),
  WEFT_INLINE_OUTPUT_BYTES: int(0, 16 * 1024 * 1024, 64 * 1024),
  WEFT_MAX_OUTPUT_BYTES: int(1024, 256 * 1024 * 1024, 16 * 1024 * 1024),
  WEFT_PG_POOL_SIZE: int(1, 200, 10),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  WEFT_AUTH_SECRET: z.string().min(32, 'at least 32 characters (e.g. openssl rand -base64 32)').optional(),
  WEFT_PUBLIC_URL: z.string().regex(/^https?:\/\//, 'must be an http(s):// URL').optional(),
  WEFT_TRUSTED_ORIGINS: csv.default([]),
  WEFT_SIGN_IN_RATE: int(1, 10_000, 10),
  WEFT_SECRETS_KEY: z.string().refine((value) => decodeSecretsKey(value) !== undefined, '32 random bytes in base64 (e.g. openssl rand -base64 32)').optional(),
  /** Keys replaced by WEFT_SECRETS_KEY, kept to open what they sealed until it is sealed again (see docs/operations.md). */
  WEFT_SECRETS_PREVIOUS_KEYS: csv.pipe(z.array(z.string().refine((value) => decodeSecretsKey(value) !== undefined, 'each 32 random bytes in base64'))).default([]),
  WEFT_DELIVERY_MAX_ATTEMPTS: int(1, 100, 10),
  WEFT_DELIVERY_RETRY_MS: int(10, 3_600_000, 10_000),
  WEFT_DELIVERY_MAX_RETRY_MS: int(10, 86_400_000, 1_200_000),
  WEFT_DELIVERY_TIMEOUT_MS: int(100, 300_000, 10_000),
  WEFT_WEBHOOK_MAX_BYTES: int(1024, 64 * 1024 * 1024, 1024 * 1024),
  /** Traces go to this OTLP/HTTP collector (`/v1/traces` is appended); unset: no tracing at all. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().regex(/^https?:\/\//, 'must be an http(s):// URL').optional(),
  /** `key=value,key2=value2` (values URL-encoded), sent with every export, e.g. a collector's API key. */
  OTEL_EXPORTER_OTLP_HEADERS: csv.pipe(z.array(z.string().regex(/^[^=]+=.*$/, 'a list of key=value pairs'))).default([]),
  OTEL_SERVICE_NAME: z.string().min(1).default('weft'),
});

/** Used outside production when WEFT_AUTH_SECRET is not set; production refuses to start without one. */
export const DEVELOPMENT_AUTH_SECRET = 'weft-development-only-secret-do-not-use-in-production';

/** Used outside production when WEFT_SECRETS_KEY is not set (SHA-256 of a public phrase: it protects nothing); production refuses to start without one. */
export const DEVELOPMENT_SECRETS_KEY = 'BNC8iOh+OvnqrJQoUUDnSkl+9Ddhh6t06AgVAsMr4UM=';

/** Weft's settings, read once at start-up from the environment and passed down; nothing else reads `process.env`. */
export type WeftConfig = {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  port: number;
  roles: Role[];
  /** `port`: where a process without the api role serves its probes and metrics (none when unset); `readinessTimeoutMs`: how long a dependency may take to answer a probe. */
  health: { port?: number; readinessTimeoutMs: number };
  /** On SIGTERM: how long tasks in flight may run on before they are handed back to other workers. */
  shutdownDeadlineMs: number;
  /** `nodeLimits`: most attempts of a node type running at once per workspace, across all workers (types not listed: no limit). */
  /** `maxDeliveries`: a task handed out this many times without an answer (its workers died or stalled) fails its node instead (dead-lettered). */
  worker: { queues: string[]; concurrency: number; visibilityTimeoutMs: number; maxDeliveries: number; nodeLimits: Readonly<Record<string, number>> };
  /** `allow`: the operator's allow-list; `workspaceAllowable`: what a workspace's own list may open. */
  http: { allow: string[]; workspaceAllowable: string[] };
  /** Extra node packages (package names, or paths from the working directory) whose modules export `nodes`; loaded at start-up by processes that build the registry. */
  nodePackages: string[];
  maxPayloadBytes: number;
  /** Node outputs: over `inlineBytes` of JSON they are stored out of line (events hold a reference); over `maxBytes` the node fails. */
  outputs: { inlineBytes: number; maxBytes: number };
  pgPoolSize: number;
  production: boolean;
  auth: { secret: string; publicUrl: string; trustedOrigins: string[]; signInAttemptsPerMinute: number };
  /** The key secrets at rest (signing secrets of event subscriptions) are sealed with: 32 bytes. */
  secretsKey: Buffer;
  /** Older keys that still open (never seal) secrets sealed before a rotation. */
  previousSecretsKeys: Buffer[];
  /** Outgoing event deliveries: attempts in all, the first retry's wait (doubling up to `maxRetryMs`, with jitter), each request's time limit. */
  deliveries: { maxAttempts: number; retryMs: number; maxRetryMs: number; timeoutMs: number };
  /** Incoming webhooks: the largest request body read (a larger one is answered 413 before it is parsed). */
  webhooks: { maxBodyBytes: number };
  /** Fault injection for the fault suite; never set in production. */
  faults: { exitAfterRunAppends?: number };
  /** OpenTelemetry traces: exported to `endpoint` (OTLP over HTTP) when set, otherwise not recorded at all. */
  tracing: { endpoint?: string; headers: Record<string, string>; serviceName: string };
};

/** `key=value` with the value URL-encoded (OTEL_EXPORTER_OTLP_HEADERS), as a header name and value. */
function headerOf(pair: string): [string, string] {
  const at = pair.indexOf('=');
  const value = pair.slice(at + 1).trim();
  try {
    return [pair.slice(0, at).trim(), decodeURIComponent(value)];
  } catch {
    return [pair.slice(0, at).trim(), value];
  }
}

/** Thrown at start-up for a wrong or missing setting; its message is one line naming the variable. */
export class ConfigError extends Error {}

/** Thrown at start-up when a dependency the settings name cannot be used (PostgreSQL unreachable…); its message is one line saying which and why. */
export class StartupError extends Error {}

export function loadConfig(env: Record<string, string | undefined>): WeftConfig {
  const result = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ConfigError(`invalid setting ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
  }
  const c = result.data;
  if (c.NODE_ENV === 'production' && c.WEFT_ROLES.includes('api') && !c.WEFT_AUTH_SECRET) {
    throw new ConfigError('invalid setting WEFT_AUTH_SECRET: required in production for the api role (at least 32 random characters)');
  }
  if (c.NODE_ENV === 'production' && c.WEFT_ROLES.some((role) => role === 'api' || role === 'scheduler' || role === 'worker') && !c.WEFT_SECRETS_KEY) {
    throw new ConfigError('invalid setting WEFT_SECRETS_KEY: required in production for the api, scheduler and worker roles (32 random bytes in base64, e.g. openssl rand -base64 32)');
  }
  if (c.NODE_ENV === 'production' && c.WEFT_FAULT_EXIT_AFTER_RUN_APPENDS !== undefined) {
    throw new ConfigError('invalid setting WEFT_FAULT_EXIT_AFTER_RUN_APPENDS: a fault-injection hook for tests, refused in production');
  }
  if (c.WEFT_INLINE_OUTPUT_BYTES > c.WEFT_MAX_OUTPUT_BYTES) {
    throw new ConfigError(`invalid setting WEFT_INLINE_OUTPUT_BYTES: must not exceed WEFT_MAX_OUTPUT_BYTES (${c.WEFT_MAX_OUTPUT_BYTES})`);
  }
  const publicUrl = c.WEFT_PUBLIC_URL ?? `http://localhost:${c.PORT}`;
  return {
    databaseUrl: c.DATABASE_URL,
    redisUrl: c.REDIS_URL,
    redisPrefix: c.WEFT_REDIS_PREFIX,
    port: c.PORT,
    roles: c.WEFT_ROLES,
    health: { ...(c.WEFT_HEALTH_PORT === undefined ? {} : { port: c.WEFT_HEALTH_PORT }), readinessTimeoutMs: c.WEFT_READINESS_TIMEOUT_MS },
    shutdownDeadlineMs: c.WEFT_SHUTDOWN_DEADLINE_MS,
    worker: { queues: c.WEFT_WORKER_QUEUES, concurrency: c.WEFT_WORKER_CONCURRENCY, visibilityTimeoutMs: c.WEFT_VISIBILITY_TIMEOUT_MS, maxDeliveries: c.WEFT_MAX_TASK_DELIVERIES, nodeLimits: c.WEFT_NODE_LIMITS },
    http: { allow: c.WEFT_HTTP_ALLOW, workspaceAllowable: c.WEFT_WORKSPACE_ALLOWABLE },
    nodePackages: c.WEFT_NODE_PACKAGES,
    maxPayloadBytes: c.WEFT_MAX_PAYLOAD_BYTES,
    outputs: { inlineBytes: c.WEFT_INLINE_OUTPUT_BYTES, maxBytes: c.WEFT_MAX_OUTPUT_BYTES },
    pgPoolSize: c.WEFT_PG_POOL_SIZE,
    production: c.NODE_ENV === 'production',
    auth: {
      secret: c.WEFT_AUTH_SECRET ?? DEVELOPMENT_AUTH_SECRET,
      publicUrl,
      trustedOrigins: [new URL(publicUrl).origin, ...c.WEFT_TRUSTED_ORIGINS],
      signInAttemptsPerMinute: c.WEFT_SIGN_IN_RATE,
    },
    secretsKey: decodeSecretsKey(c.WEFT_SECRETS_KEY ?? DEVELOPMENT_SECRETS_KEY)!,
    previousSecretsKeys: c.WEFT_SECRETS_PREVIOUS_KEYS.map((key) => decodeSecretsKey(key)!),
    deliveries: { maxAttempts: c.WEFT_DELIVERY_MAX_ATTEMPTS, retryMs: c.WEFT_DELIVERY_RETRY_MS, maxRetryMs: Math.max(c.WEFT_DELIVERY_RETRY_MS, c.WEFT_DELIVERY_MAX_RETRY_MS), timeoutMs: c.WEFT_DELIVERY_TIMEOUT_MS },
    webhooks: { maxBodyBytes: c.WEFT_WEBHOOK_MAX_BYTES },
    faults: c.WEFT_FAULT_EXIT_AFTER_RUN_APPENDS === undefined ? {} : { exitAfterRunAppends: c.WEFT_FAULT_EXIT_AFTER_RUN_APPENDS },
    tracing: {
      ...(c.OTEL_EXPORTER_OTLP_ENDPOINT === undefined ? {} : { endpoint: c.OTEL_EXPORTER_OTLP_ENDPOINT }),
      headers: Object.fromEntries(c.OTEL_EXPORTER_OTLP_HEADERS.map(headerOf)),
      serviceName: c.OTEL_SERVICE_NAME,
    },
  };
}
