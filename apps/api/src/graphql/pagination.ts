import { Field, Int, ObjectType, ArgsType } from '@nestjs/graphql';
import { InvalidInputError } from '@weft/domain';

export const MAX_PAGE_SIZE = 100;

@ObjectType()
export class PageInfo {
  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor!: string | null;

  @Field()
  hasNextPage!: boolean;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` })
  first!: number;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page.' })
  after?: string | null;
}

/** A position in a list ordered by (time desc, id desc). Opaque to clients. */
export type Cursor = { at: Date; id: string };

export const encodeCursor = (cursor: Cursor): string => Buffer.from(JSON.stringify([cursor.at.toISOString(), cursor.id])).toString('base64url');

export function decodeCursor(value: string | null | undefined): Cursor | undefined {
  if (!value) return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (typeof id !== 'string' || Number.isNaN(date.getTime())) throw new Error('bad cursor');
    return { at: date, id };
  } catch {
    throw new InvalidInputError('after', 'not a cursor returned by this API');
  }
}

export function checkPageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw new InvalidInputError('first', `must be between 1 and ${MAX_PAGE_SIZE}`);
  return first;
}

/** Takes one extra row to know whether a next page exists. */
export function toPage<T>(rows: T[], first: number, cursorOf: (row: T) => Cursor): { nodes: T[]; pageInfo: PageInfo } {
  const nodes = rows.slice(0, first);
  const last = nodes[nodes.length - 1];
  return { nodes, pageInfo: { hasNextPage: rows.length > first, endCursor: last ? encodeCursor(cursorOf(last)) : null } };
}
