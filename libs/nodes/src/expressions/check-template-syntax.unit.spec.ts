import { describe, expect, it } from 'vitest';
import { checkTemplateSyntax } from './check-template-syntax.js';

describe('checkTemplateSyntax', () => {
  it('accepts configs whose templates parse, and values without templates', () => {
    expect(checkTemplateSyntax({ url: 'https://x/{{ id }}', n: 1, list: ['{{ a.b[0] }}', null], nested: { ok: '{{ $sum(items.qty) }}' } })).toEqual([]);
    expect(checkTemplateSyntax('plain')).toEqual([]);
    expect(checkTemplateSyntax(42)).toEqual([]);
  });

  it('reports each broken template with its field path', () => {
    const issues = checkTemplateSyntax({
      a: '{{ amount +',
      b: ['ok', 'x {{ amount + }}'],
      c: { d: '{{ $.constructor }}' },
      e: '{{ }}',
      f: '{{ "abc }}',
      g: '{{ $match(s, /(a+)+$/) }}',
    });
    expect(issues.map((issue) => issue.field)).toEqual(['a', 'b.1', 'c.d', 'e', 'f', 'g']);
    expect(issues[0]!.message).toMatch(/unclosed/);
    expect(issues[1]!.message).toMatch(/Unexpected end of expression.*position/);
    expect(issues[2]!.message).toMatch(/"constructor" is not allowed/);
    expect(issues[3]!.message).toMatch(/empty expression/);
    expect(issues[4]!.message).toMatch(/String literal must be terminated/);
  });

  it('refuses unsafe regular expressions at publish time', () => {
    const [issue] = checkTemplateSyntax({ g: '{{ $match(s, /(a+)+$/) }}' });
    expect(issue).toEqual({ field: 'g', message: expect.stringMatching(/catastrophic backtracking/) as unknown });
  });

  it('enforces the expression length limit', () => {
    expect(checkTemplateSyntax({ a: '{{ 1 + 2 }}' }, { maxExpressionLength: 5 })).toEqual([{ field: 'a', message: expect.stringMatching(/longer than 5 characters/) as unknown }]);
  });

  it('is synchronous and evaluates nothing', () => {
    const issues = checkTemplateSyntax({ loop: '{{ ($f := function() { $f() }; $f()) }}' });
    expect(issues).toEqual([]);
  });
});
