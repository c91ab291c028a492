import { describe, expect, it } from 'vitest';
import { checkCodeSyntax } from './check-code-syntax.js';

describe('checkCodeSyntax', () => {
  it.each([
    'return input.items.map((item) => ({ ...item, total: item.price * item.qty }));',
    'const rows = await Promise.resolve([1, 2]);\nreturn { rows, n: rows?.length ?? 0 };',
    'for (const x of input) { if (x > 1) continue; }\nreturn `template ${input}`;',
  ])('accepts code that compiles as the sandbox runs it: %j', (code) => {
    expect(checkCodeSyntax(code)).toBeUndefined();
  });

  it.each([
    ['return {', /^Unexpected token \(line 2\)$/],
    ['const a = 1;\nconst a = 2;', /^Identifier 'a' has already been declared \(line 2\)$/],
    ['let x = 1;\nx +* 2;', /^Unexpected token \(line 2\)$/],
    ['with (input) { }', /^'with' in strict mode \(line 1\)$/],
    ['})(); (function () {', /^the code closes its function early/],
    ['return 1; }); (async function () {', /^the code closes its function early/],
  ])('refuses %j with the reason and the line', (code, reason) => {
    expect(checkCodeSyntax(code)).toMatch(reason);
  });
});
