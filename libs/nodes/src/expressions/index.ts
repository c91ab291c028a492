export { ExpressionError, type ExpressionErrorParams } from './expression-error.js';
export { DEFAULT_EXPRESSION_LIMITS, type ExpressionOptions, type ExpressionRunInfo, type ExpressionScope } from './expression-scope.js';
export { evaluateExpression } from './evaluate-expression.js';
export { resolveTemplates } from './resolve-templates.js';
export { checkTemplateSyntax, type FieldIssue } from './check-template-syntax.js';
export { checkExpressionSyntax } from './check-expression-syntax.js';
export { mayBeTemplate, parseTemplate, type TemplatePart } from './template-parser.js';
