import { parse } from 'acorn';

const PREFIX = '(async function () {"use strict";';
const SUFFIX = '\n})';

/**
 * Why the code node's `code` would not compile, or undefined. It is parsed as the
 * sandbox wraps it — the body of an async function in strict mode — by a parser, never
 * compiled or run in the host's realm. Code that closes that function and goes on
 * outside it is refused too. Positions are the user's own lines.
 */
export function checkCodeSyntax(code: string): string | undefined {
  const source = `${PREFIX}${code}${SUFFIX}`;
  let program: ReturnType<typeof parse>;
  try {
    program = parse(source, { ecmaVersion: 'latest', sourceType: 'script' });
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const { loc } = error as SyntaxError & { loc?: { line: number; column: number } };
    const message = error.message.replace(/ \(\d+:\d+\)$/, '');
    return loc ? `${message} (line ${loc.line})` : message;
  }
  const [only, ...rest] = program.body;
  if (rest.length || only?.type !== 'ExpressionStatement' || only.expression.type !== 'FunctionExpression' || only.expression.end !== source.length - 1) {
    return 'the code closes its function early: it must be the body of one function (a stray "}")';
  }
  return undefined;
}
