import type { NodeLogEntry } from '@weft/domain';
import type { NodeLogger } from './node-definition.js';

export type NodeLogLimits = { maxEntries: number; maxBytes: number };

/** Per attempt: the first 200 entries or 64 KiB of JSON, whichever comes first, then one "truncated" entry. */
export const DEFAULT_NODE_LOG_LIMITS: NodeLogLimits = { maxEntries: 200, maxBytes: 64 * 1024 };

const MAX_MESSAGE_CHARS = 2000;

export type NodeLogCollectorOptions = {
  now?: () => Date;
  limits?: Partial<NodeLogLimits>;
  /** Applied to every entry before it is kept, written or published (secrets out). */
  redact?: (entry: NodeLogEntry) => NodeLogEntry;
  /** Called with each kept entry as it is written (the worker's own log, live watchers). */
  onEntry?: (entry: NodeLogEntry) => void;
};

/** The logger a node gets in `ctx.log`, collecting what it writes during one attempt, bounded. */
export type NodeLogCollector = { logger: NodeLogger; entries(): NodeLogEntry[] };

/**
 * Collects an attempt's log. Entries past the limits are dropped, and one warn
 * entry says so; a message is cut at 2,000 characters; data that is not JSON
 * (functions, cycles) is replaced by a note. Never throws into the node.
 */
export function createNodeLogCollector(options: NodeLogCollectorOptions = {}): NodeLogCollector {
  const limits = { ...DEFAULT_NODE_LOG_LIMITS, ...options.limits };
  const now = options.now ?? (() => new Date());
  const entries: NodeLogEntry[] = [];
  let bytes = 0;
  let truncated = false;
  const keep = (entry: NodeLogEntry) => {
    const kept = options.redact ? options.redact(entry) : entry;
    entries.push(kept);
    options.onEntry?.(kept);
  };
  const write = (level: NodeLogEntry['level'], message: unknown, data: unknown) => {
    if (truncated) return;
    const entry: NodeLogEntry = { seq: entries.length, at: now().toISOString(), level, message: String(message).slice(0, MAX_MESSAGE_CHARS), ...jsonData(data) };
    const size = Buffer.byteLength(JSON.stringify(entry));
    if (entries.length >= limits.maxEntries - 1 || bytes + size > limits.maxBytes) {
      truncated = true;
      keep({ seq: entries.length, at: entry.at, level: 'warn', message: `log truncated: more than ${limits.maxEntries - 1} entries or ${limits.maxBytes} bytes in this attempt; later entries were dropped` });
      return;
    }
    bytes += size;
    keep(entry);
  };
  return {
    logger: {
      info: (message, data) => write('info', message, data),
      warn: (message, data) => write('warn', message, data),
      error: (message, data) => write('error', message, data),
    },
    entries: () => [...entries],
  };
}

function jsonData(data: unknown): Pick<NodeLogEntry, 'data'> {
  if (data === undefined || data === null) return {};
  try {
    const parsed: unknown = JSON.parse(JSON.stringify(data));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { data: parsed as NodeLogEntry['data'] & object };
    return { data: { value: parsed as never } };
  } catch {
    return { data: { note: 'data not representable as JSON' } };
  }
}
