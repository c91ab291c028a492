import { readFileSync } from 'node:fs';

/** What the Weft processes logged at warn or error level (one JSON object a line; other lines count as errors). */
export type LogSummary = { errors: number; warnings: number; samples: string[] };

export function summarizeLogs(files: { name: string; file: string }[]): LogSummary {
  const summary: LogSummary = { errors: 0, warnings: 0, samples: [] };
  const note = (name: string, text: string) => {
    const line = `[${name}] ${text.slice(0, 240)}`;
    if (summary.samples.length < 10 && !summary.samples.includes(line)) summary.samples.push(line);
  };
  for (const { name, file } of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      const entry = parseLine(line);
      if (entry?.level === 'info') continue;
      if (entry?.level === 'warn') summary.warnings++;
      else summary.errors++;
      note(name, entry ? `${entry.level}: ${entry.msg}${entry.error ? ` (${entry.error})` : ''}` : line);
    }
  }
  return summary;
}

type Entry = { level: string; msg: string; error?: string };

function parseLine(line: string): Entry | undefined {
  try {
    const value = JSON.parse(line) as Partial<Entry>;
    return typeof value.level === 'string' ? { level: value.level, msg: String(value.msg), ...(value.error ? { error: String(value.error) } : {}) } : undefined;
  } catch {
    return undefined;
  }
}
