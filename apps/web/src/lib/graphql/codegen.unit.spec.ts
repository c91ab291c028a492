import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../../codegen';

const webRoot = path.resolve(import.meta.dirname, '../../..');
const srcRoot = path.join(webRoot, 'src');
const gqlDir = path.join(srcRoot, 'gql');

/** Source files of the app (what codegen reads), relative to src. */
function sourceFiles(dir = srcRoot): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return full === gqlDir || entry.name === 'e2e' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.spec.ts') ? [path.relative(srcRoot, full)] : [];
  });
}

/** A document the old way: `gql<Result, Variables>`, a `gql` tag or call, `gql` imported from urql or graphql-tag. */
const HAND_TYPED = [/\bgql\s*</, /\bgql\s*\(?\s*`\s*(query|mutation|subscription|fragment|\{)/, /import\s*\{[^}]*\bgql\b[^}]*\}\s*from\s*'(@urql\/core|urql|graphql-tag)'/, /import\s+gql\b/];

/**
 * src/gql is checked in: CI fails here when schema.graphql or a `graphql(…)` document
 * changed without `npm run codegen`. Codegen runs in memory with the same config.
 */
describe('generated GraphQL types (src/gql)', () => {
  it('are what `npm run codegen` makes of schema.graphql and the documents', async () => {
    const outputs = (await generate({ ...config, cwd: webRoot, silent: true }, false)) as { filename: string; content: string }[];
    const expected = new Map(outputs.map((o) => [path.relative(webRoot, path.resolve(webRoot, o.filename)), o.content]));
    const onDisk = readdirSync(gqlDir).map((name) => path.relative(webRoot, path.join(gqlDir, name)));
    expect(onDisk.sort(), 'src/gql holds other files than codegen makes: run `npm run codegen` (and delete stale ones)').toEqual([...expected.keys()].sort());
    // Line by line, so that a failure shows the lines that differ.
    for (const [file, content] of expected) expect(readFileSync(path.join(webRoot, file), 'utf8').split('\n'), `${file} is stale: run \`npm run codegen\``).toEqual(content.split('\n'));
  });

  it('type every document: none is written with a hand-typed `gql` any more', () => {
    const offenders = sourceFiles().filter((file) => {
      const text = readFileSync(path.join(srcRoot, file), 'utf8');
      return HAND_TYPED.some((pattern) => pattern.test(text));
    });
    expect(offenders, 'write documents with `graphql(…)` from @/gql, then `npm run codegen`').toEqual([]);
  });
});
