import { isJsonObject } from '../shared/json.js';
import type { RetryPolicy, WorkflowSettings } from './graph.js';

const DAY_MS = 86_400_000;

/** Bounds of the timing settings a graph may carry. */
export const POLICY_LIMITS = {
  maxAttempts: 100,
  maxIntervalMs: 7 * DAY_MS,
  maxNodeTimeoutMs: 7 * DAY_MS,
  maxRunTimeoutMs: 30 * DAY_MS,
  maxConcurrentRuns: 10_000,
} as const;

/** What a partial retry policy is completed with. */
export const RETRY_DEFAULTS: RetryPolicy = { maxAttempts: 3, backoff: 'exponential', initialIntervalMs: 1000, maxIntervalMs: 60_000, jitter: 0.2 };

type Report = (field: string, message: string) => void;

const integerIn = (value: unknown, min: number, max: number): value is number => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/** A node's `retry`, completed with defaults; undefined (and reported) when invalid. */
export function parseRetryPolicy(value: unknown, at: string, report: Report): RetryPolicy | undefined {
  if (!isJsonObject(value)) {
    report(at, 'must be an object { maxAttempts, backoff, initialIntervalMs, maxIntervalMs, jitter }');
    return undefined;
  }
  const known = new Set(Object.keys(RETRY_DEFAULTS));
  const unknown = Object.keys(value).filter((key) => !known.has(key));
  if (unknown.length) report(`${at}.${unknown[0]}`, `unknown retry setting; use ${[...known].join(', ')}`);
  const policy = { ...RETRY_DEFAULTS, ...value } as Record<string, unknown>;
  const before = { count: 0 };
  const fail: Report = (field, message) => {
    before.count += 1;
    report(field, message);
  };
  if (!integerIn(policy.maxAttempts, 1, POLICY_LIMITS.maxAttempts)) fail(`${at}.maxAttempts`, `must be a whole number from 1 to ${POLICY_LIMITS.maxAttempts}`);
  if (policy.backoff !== 'fixed' && policy.backoff !== 'exponential') fail(`${at}.backoff`, 'must be "fixed" or "exponential"');
  if (!integerIn(policy.initialIntervalMs, 0, POLICY_LIMITS.maxIntervalMs)) fail(`${at}.initialIntervalMs`, `must be a whole number of ms from 0 to ${POLICY_LIMITS.maxIntervalMs}`);
  if (!integerIn(policy.maxIntervalMs, 0, POLICY_LIMITS.maxIntervalMs)) fail(`${at}.maxIntervalMs`, `must be a whole number of ms from 0 to ${POLICY_LIMITS.maxIntervalMs}`);
  else if (typeof policy.initialIntervalMs === 'number' && policy.maxIntervalMs < policy.initialIntervalMs) fail(`${at}.maxIntervalMs`, 'must not be below initialIntervalMs');
  if (typeof policy.jitter !== 'number' || !(policy.jitter >= 0 && policy.jitter <= 1)) fail(`${at}.jitter`, 'must be a number from 0 to 1');
  return before.count || unknown.length ? undefined : (policy as RetryPolicy);
}

/** A node's `timeoutMs`; undefined (and reported) when invalid. */
export function parseNodeTimeout(value: unknown, at: string, report: Report): number | undefined {
  if (integerIn(value, 1, POLICY_LIMITS.maxNodeTimeoutMs)) return value;
  report(at, `must be a whole number of ms from 1 to ${POLICY_LIMITS.maxNodeTimeoutMs}`);
  return undefined;
}

/** The graph's `settings`; undefined (and reported) when invalid. */
export function parseSettings(value: unknown, report: Report): WorkflowSettings | undefined {
  if (!isJsonObject(value)) {
    report('settings', 'must be an object { timeoutMs, maxConcurrentRuns }');
    return undefined;
  }
  let ok = true;
  const settings: WorkflowSettings = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'timeoutMs' && integerIn(item, 1, POLICY_LIMITS.maxRunTimeoutMs)) settings.timeoutMs = item;
    else if (key === 'maxConcurrentRuns' && integerIn(item, 1, POLICY_LIMITS.maxConcurrentRuns)) settings.maxConcurrentRuns = item;
    else {
      ok = false;
      if (key === 'timeoutMs') report('settings.timeoutMs', `must be a whole number of ms from 1 to ${POLICY_LIMITS.maxRunTimeoutMs}`);
      else if (key === 'maxConcurrentRuns') report('settings.maxConcurrentRuns', `must be a whole number from 1 to ${POLICY_LIMITS.maxConcurrentRuns}`);
      else report(`settings.${key}`, 'unknown setting; use timeoutMs or maxConcurrentRuns');
    }
  }
  return ok ? settings : undefined;
}


