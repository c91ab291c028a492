import { describe, expect, it } from 'vitest';
import { ExpressionError } from './expression-error.js';
import { mayBeTemplate, parseTemplate } from './template-parser.js';

describe('parseTemplate', () => {
  it('keeps plain text as one text part', () => {
    expect(parseTemplate('hello')).toEqual([{ kind: 'text', text: 'hello' }]);
    expect(parseTemplate('')).toEqual([]);
    expect(mayBeTemplate('a } b }} c')).toBe(false);
  });

  it('finds a whole-value expression', () => {
    expect(parseTemplate('{{ amount > 50 }}')).toEqual([{ kind: 'expression', source: ' amount > 50 ', offset: 2 }]);
  });

  it('splits text and expressions', () => {
    expect(parseTemplate('Hi {{ name }}, you owe {{ total }}!')).toEqual([
      { kind: 'text', text: 'Hi ' },
      { kind: 'expression', source: ' name ', offset: 5 },
      { kind: 'text', text: ', you owe ' },
      { kind: 'expression', source: ' total ', offset: 25 },
      { kind: 'text', text: '!' },
    ]);
  });

  it('does not close on braces of object constructors, strings, quoted names or comments', () => {
    expect(parseTemplate('{{ {"a": {"b": 1}} }}')).toEqual([{ kind: 'expression', source: ' {"a": {"b": 1}} ', offset: 2 }]);
    expect(parseTemplate('{{ "}}" & \'}}\' }}')).toEqual([{ kind: 'expression', source: ' "}}" & \'}}\' ', offset: 2 }]);
    expect(parseTemplate('{{ `a}}b` }}x')[0]).toEqual({ kind: 'expression', source: ' `a}}b` ', offset: 2 });
    expect(parseTemplate('{{ /* }} */ 1 }}')[0]).toEqual({ kind: 'expression', source: ' /* }} */ 1 ', offset: 2 });
    expect(parseTemplate('{{ "a\\"}}" }}')[0]).toEqual({ kind: 'expression', source: ' "a\\"}}" ', offset: 2 });
  });

  it('leaves a stray closing brace after an expression as text', () => {
    expect(parseTemplate('{{ a }}}')).toEqual([
      { kind: 'expression', source: ' a ', offset: 2 },
      { kind: 'text', text: '}' },
    ]);
  });

  it('falls back to the first }} when a string literal is unterminated, so JSONata names the real error', () => {
    expect(parseTemplate('{{ "abc }}')).toEqual([{ kind: 'expression', source: ' "abc ', offset: 2 }]);
  });

  it('refuses an unclosed {{', () => {
    expect(() => parseTemplate('value: {{ amount')).toThrow(ExpressionError);
    expect(() => parseTemplate('value: {{ amount')).toThrow(/unclosed "\{\{"/);
  });
});
