/** One stream entry as Redis returns it: an id and a flat [field, value, …] list (null once deleted, Redis < 7). */
export type RawStreamEntry = [id: string, fields: string[] | null];

/**
 * The entries of one stream in an XREAD/XREADGROUP reply. ioredis's typed
 * `xreadgroup` keeps the RESP2 shape `[[key, entries]]` under RESP3 with the default
 * `replyMapping: "legacy"`, but `redis.call('XREADGROUP', …)` returns the RESP3 map
 * flattened, `[key, entries]`: accept both.
 */
export function entriesOfStreamRead(reply: unknown, key: string): RawStreamEntry[] {
  if (!Array.isArray(reply)) return [];
  if (typeof reply[0] === 'string') return reply[0] === key && Array.isArray(reply[1]) ? (reply[1] as RawStreamEntry[]) : [];
  for (const pair of reply as unknown[]) {
    if (Array.isArray(pair) && pair[0] === key && Array.isArray(pair[1])) return pair[1] as RawStreamEntry[];
  }
  return [];
}

/** The value of `field` in an entry's flat field list, if present. */
export function fieldValue(fields: string[] | null, field: string): string | undefined {
  if (!fields) return undefined;
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === field) return fields[i + 1];
  return undefined;
}

/** Redis replies meaning "the stream or its consumer group is gone" (e.g. after FLUSHALL or a restart). */
export function isMissingGroupError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return message.startsWith('NOGROUP') || message.startsWith('UNBLOCKED');
}

/** A consumer group as XINFO GROUPS describes it; `lag` undefined when Redis cannot tell (entries deleted past the group's last delivery). */
export type GroupInfo = { lastDeliveredId: string; pending: number; lag: number | undefined };

/** Group `name` in an XINFO GROUPS reply (flat [field, value, …] lists, or maps), if it exists. */
export function groupInfo(reply: unknown, name: string): GroupInfo | undefined {
  if (!Array.isArray(reply)) return undefined;
  for (const item of reply as unknown[]) {
    const fields: Record<string, unknown> = Array.isArray(item) ? Object.fromEntries((item as unknown[]).flatMap((value, i, all) => (i % 2 === 0 ? [[String(value), all[i + 1]]] : []))) : typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
    if (fields.name !== name) continue;
    const { lag, 'last-delivered-id': last } = fields;
    return { lastDeliveredId: typeof last === 'string' ? last : '0-0', pending: Number(fields.pending ?? 0), lag: lag === null || lag === undefined ? undefined : Number(lag) };
  }
  return undefined;
}

/** The milliseconds part of a stream entry id (`<ms>-<seq>`): when Redis added it. */
export const entryTimeMs = (id: string): number => Number(id.split('-')[0]);

/** Orders stream entry ids as Redis does. */
export function compareEntryIds(a: string, b: string): number {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number);
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number);
  return aMs - bMs || aSeq - bSeq;
}
