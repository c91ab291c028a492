/** The allow-list as typed: one entry per line; blank lines are ignored. */
export type ParsedAllowList = {
  entries: string[];
  /** The 1-based textarea line of each entry, by entry index. */
  lineOf: number[];
};

export type LineError = { line: number; entry: string; message: string };

export function parseAllowList(text: string): ParsedAllowList {
  const entries: string[] = [];
  const lineOf: number[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const entry = raw.trim();
    if (entry === '') return;
    entries.push(entry);
    lineOf.push(index + 1);
  });
  return { entries, lineOf };
}

/** The textarea's content for a saved list. */
export const formatAllowList = (entries: readonly string[]): string => entries.join('\n');

/**
 * Where an API error points in the textarea: `entries[i]` names the i-th entry sent, which
 * is on line `lineOf[i]`. A message that repeats the field name loses it. Undefined for an error about the whole list (`entries`) or another field.
 */
export function lineErrorOf(parsed: ParsedAllowList, field: unknown, message: string): LineError | undefined {
  const match = typeof field === 'string' ? /^entries\[(\d+)\]$/.exec(field) : null;
  if (!match) return undefined;
  const index = Number(match[1]);
  const line = parsed.lineOf[index];
  const entry = parsed.entries[index];
  if (line === undefined || entry === undefined) return undefined;
  // The message may start by naming the field again ("entries[1]: …"): the line says it already.
  return { line, entry, message: message.startsWith(`${match[0]}: `) ? message.slice(match[0].length + 2) : message };
}
