import type { Json, JsonObject } from '@weft/domain';
import { evaluateExpression, ExpressionError, type ExpressionScope } from '../expressions/index.js';
import { NodeExecutionError } from '../node-execution-error.js';
import { nextLink } from './http-response.js';

export const DEFAULT_MAX_PAGES = 10;
export const MAX_PAGES = 100;

export type PaginateConfig = { next: string | { type: 'link-header' }; maxPages: number; itemsPath?: string | undefined };
export type PageResponse = { status: number; headers: JsonObject; body: Json; rawLink: string | null };

/** A JSONata expression over `{ status, headers, body }`, e.g. `body.next`: `$` is the page. */
async function evaluateOverPage(expression: string, page: PageResponse, scope: Omit<ExpressionScope, 'input'>, key: string): Promise<Json> {
  try {
    return await evaluateExpression(expression, { ...scope, input: { status: page.status, headers: page.headers, body: page.body } });
  } catch (error) {
    if (error instanceof ExpressionError) throw new NodeExecutionError('EXPRESSION', `paginate.${key}: ${error.message}`, false, { field: `paginate.${key}`, cause: error });
    throw error;
  }
}

/** The next page's URL (resolved against the current one), or undefined on the last page. */
export async function nextPageUrl(paginate: PaginateConfig, page: PageResponse, current: URL, scope: Omit<ExpressionScope, 'input'>): Promise<URL | undefined> {
  const next = typeof paginate.next === 'string' ? await evaluateOverPage(paginate.next, page, scope, 'next') : (nextLink(page.rawLink, current) ?? null);
  if (next === null || next === '' || next === false) return undefined;
  if (typeof next !== 'string') throw new NodeExecutionError('EXECUTION', 'paginate.next must give a URL (a string) or null on the last page', false, { field: 'paginate.next' });
  try {
    return new URL(next, current);
  } catch {
    throw new NodeExecutionError('EXECUTION', 'paginate.next gave something that is not a URL', false, { field: 'paginate.next' });
  }
}

/** The page's items: `itemsPath` over the page (an array is spread, null skipped), else the body. */
export async function pageItems(paginate: PaginateConfig, page: PageResponse, scope: Omit<ExpressionScope, 'input'>): Promise<Json[]> {
  if (paginate.itemsPath === undefined) return [page.body];
  const items = await evaluateOverPage(paginate.itemsPath, page, scope, 'itemsPath');
  if (items === null) return [];
  return Array.isArray(items) ? items : [items];
}
