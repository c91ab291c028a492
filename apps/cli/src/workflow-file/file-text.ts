import path from 'node:path';
import { parse, stringify, YAMLParseError } from 'yaml';
import type { FileFormat } from '../args/command-line.js';

/** yaml or json by the file's extension; undefined for any other. */
export function formatOfPath(file: string): FileFormat | undefined {
  const extension = path.extname(file).toLowerCase();
  return extension === '.json' ? 'json' : extension === '.yaml' || extension === '.yml' ? 'yaml' : undefined;
}

/**
 * The text of a file, keys in the order given, diff-friendly: YAML with no folded
 * lines and multi-line strings (code, templates) as literal blocks; JSON indented by 2.
 */
export function formatFileText(value: unknown, format: FileFormat): string {
  if (format === 'json') return `${JSON.stringify(value, null, 2)}\n`;
  return stringify(value, { lineWidth: 0, minContentWidth: 0, blockQuote: 'literal', aliasDuplicateObjects: false });
}

/**
 * Parses YAML or JSON text.
 * @throws Error with a one-line message naming the line (and column) of the first problem.
 */
export function parseFileText(text: string, format: FileFormat): unknown {
  if (format === 'json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new Error(`not valid JSON: ${(error as Error).message}`, { cause: error });
    }
  }
  try {
    return parse(text, { uniqueKeys: true }) as unknown;
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const at = error.linePos?.[0];
      const summary = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      throw new Error(`not valid YAML${at ? ` (line ${at.line}, column ${at.col})` : ''}: ${summary}`, { cause: error });
    }
    throw new Error(`not valid YAML: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
}

/** A file name from a workflow's name: lower case ASCII words joined by "-" (at most 60 characters), "workflow" when none is left. */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'workflow';
}

/** One file name per workflow: its slug, with the start of its id added when several share a slug. */
export function fileNamesFor(workflows: readonly { id: string; name: string }[], format: FileFormat): Map<string, string> {
  const slugs = workflows.map((w) => slugOf(w.name));
  const count = new Map<string, number>();
  for (const slug of slugs) count.set(slug, (count.get(slug) ?? 0) + 1);
  return new Map(workflows.map((w, i) => [w.id, `${slugs[i]}${count.get(slugs[i]!)! > 1 ? `-${w.id.slice(0, 8)}` : ''}.${format}`]));
}
