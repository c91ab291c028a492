import { describe, expect, it } from 'vitest';
import { checkExpressionSyntax } from './check-expression-syntax.js';

describe('checkExpressionSyntax', () => {
  it('accepts an expression that parses, without evaluating it', () => {
    expect(checkExpressionSyntax('amount > 100 and $trigger.currency = "EUR"')).toBeUndefined();
  });

  it.each([
    ['amount >', /amount >/],
    ['  ', /empty expression/],
    ['$eval("1")', /\$eval is not allowed/],
    ['constructor', /"constructor" is not allowed/],
  ])('gives the reason %j is refused', (source, reason) => {
    expect(checkExpressionSyntax(source)).toMatch(reason);
  });

  it('refuses an expression over the length limit', () => {
    expect(checkExpressionSyntax('1 + 1', { maxExpressionLength: 3 })).toMatch(/longer than 3 characters/);
  });
});
